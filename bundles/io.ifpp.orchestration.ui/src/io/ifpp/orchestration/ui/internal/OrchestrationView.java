package io.ifpp.orchestration.ui.internal;

import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.IToolBarManager;
import org.eclipse.jface.action.Separator;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.ui.part.ViewPart;

import io.ifpp.agreement.DesignFileException;
import io.ifpp.orchestration.audit.AuditLog;
import io.ifpp.orchestration.pipeline.BatchSpec;
import io.ifpp.orchestration.pipeline.BatchStore;
import io.ifpp.orchestration.pipeline.Stage;
import io.ifpp.orchestration.service.BatchService;
import io.ifpp.orchestration.service.BatchServiceException;
import io.ifpp.orchestration.service.BatchStatus;
import io.ifpp.orchestration.ui.internal.source.BatchCreation;
import io.ifpp.orchestration.ui.internal.source.BatchServices;
import io.ifpp.orchestration.ui.internal.source.BatchSource;
import io.ifpp.orchestration.ui.internal.source.OrchestrationPreferences;
import io.ifpp.ui.Widgets;
import io.ifpp.ui.WorkspacePaths;

/**
 * Manufacturing batches: the list, the pipeline with the devices per stage, the devices of the batch (or of one
 * stage) and a device's history; Run, Resume, Cancel and New Batch as jobs. Everything shown comes from a
 * {@link BatchService} (the workspace's embedded database by default, see {@link BatchServices}); the view reads
 * it in background jobs and refreshes every {@value #LIVE_REFRESH_MS} ms while a run is going.
 */
public final class OrchestrationView extends ViewPart {

    public static final String ID = "io.ifpp.orchestration.ui.orchestrationView";
    static final int LIVE_REFRESH_MS = 1_500;
    private static final DateTimeFormatter CREATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    private BatchSource source;
    private Label statusLine;
    private Table batches;
    private StageDiagram diagram;
    private DeviceTable devices;
    private Label deviceTitle;
    private Table history;
    private Action newBatch;
    private Action run;
    private Action resume;
    private Action cancel;
    private Action refresh;
    private String batchId;
    private BatchStatus status;
    private final Set<RunBatchJob> running = ConcurrentHashMap.newKeySet();
    private boolean statusInFlight;
    private boolean ticking;
    private final IEclipsePreferences.IPreferenceChangeListener sourceChanged = event -> ui(this::connect);

    @Override
    public void createPartControl(Composite parent) {
        parent.setLayout(new GridLayout(1, false));
        statusLine = Widgets.tag(new Label(parent, SWT.WRAP), "orchestration.status");
        statusLine.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        SashForm rows = new SashForm(parent, SWT.VERTICAL);
        rows.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        batches = Widgets.tag(new Table(rows, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE), "orchestration.batches");
        batches.setHeaderVisible(true);
        batches.setLinesVisible(true);
        columns(batches, new String[] { "Batch", "Plan", "State", "Devices", "Created" },
                new int[] { 160, 260, 110, 110, 150 });
        batches.addListener(SWT.Selection, e -> {
            TableItem[] selected = batches.getSelection();
            if (selected.length == 1) {
                selectBatch((String) selected[0].getData());
            }
        });
        // The diagram keeps the height it needs; the devices and the history take the rest.
        Composite lower = new Composite(rows, SWT.NONE);
        GridLayout lowerLayout = new GridLayout(1, false);
        lowerLayout.marginWidth = 0;
        lowerLayout.marginHeight = 0;
        lower.setLayout(lowerLayout);
        diagram = new StageDiagram(lower, stage -> showDevices());
        diagram.control().setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        SashForm detail = new SashForm(lower, SWT.HORIZONTAL);
        detail.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        devices = new DeviceTable(detail, this::showError);
        devices.control().addListener(SWT.Selection, e -> showHistory());
        devices.control().addListener(SWT.DefaultSelection, e -> showHistory());
        Composite historyPane = new Composite(detail, SWT.NONE);
        historyPane.setLayout(new GridLayout(1, false));
        deviceTitle = Widgets.tag(new Label(historyPane, SWT.WRAP), "orchestration.device");
        deviceTitle.setText("Select a device to see its history.");
        deviceTitle.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        history = Widgets.tag(new Table(historyPane, SWT.BORDER | SWT.FULL_SELECTION), "orchestration.history");
        history.setHeaderVisible(true);
        history.setLinesVisible(true);
        history.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        columns(history, new String[] { "#", "Time", "By", "Action", "Subject", "Details" },
                new int[] { 40, 120, 160, 140, 150, 400 });
        detail.setWeights(62, 38);
        rows.setWeights(22, 78);
        makeActions();
        OrchestrationPreferences.instance().addPreferenceChangeListener(sourceChanged);
        connect();
    }

    private static void columns(Table table, String[] titles, int[] widths) {
        for (int i = 0; i < titles.length; i++) {
            TableColumn column = new TableColumn(table, SWT.LEFT);
            column.setText(titles[i]);
            column.setWidth(widths[i]);
        }
    }

    private void makeActions() {
        newBatch = action("New Batch\u2026", "Plan a product plan and record a batch of devices", this::newBatch);
        run = action("Run", "Carry the batch through the pipeline (a job; cancel it to stop, the batch stays "
                + "resumable)", () -> runBatch(false));
        resume = action("Resume", "Send the devices waiting in RETRY back to the step that failed, then run",
                () -> runBatch(true));
        cancel = action("Cancel Batch", "Stop the batch: orders in progress are cancelled, devices not shipped are "
                + "voided", this::cancelBatch);
        refresh = action("Refresh", "Read the batches and counts again", () -> refreshBatches(batchId));
        IToolBarManager toolbar = getViewSite().getActionBars().getToolBarManager();
        toolbar.add(newBatch);
        toolbar.add(new Separator());
        toolbar.add(run);
        toolbar.add(resume);
        toolbar.add(cancel);
        toolbar.add(new Separator());
        toolbar.add(refresh);
        updateActions();
    }

    private static Action action(String text, String tooltip, Runnable body) {
        Action action = new Action(text) {
            @Override
            public void run() {
                body.run();
            }
        };
        action.setToolTipText(tooltip);
        return action;
    }

    /** (Re)opens the source the preferences name and shows its batches. */
    private void connect() {
        source = null;
        batchId = null;
        status = null;
        try {
            source = BatchServices.fromPreferences();
            statusLine.setText(source.description());
        } catch (BatchServiceException e) {
            statusLine.setText(e.getMessage());
        }
        batches.removeAll();
        diagram.reset();
        diagram.show(null);
        devices.show(null, null, List.of(), 0);
        updateActions();
        statusLine.getParent().layout();
        if (source != null) {
            refreshBatches(null);
        }
    }

    // ---- reading

    /** Reads the batch list; selects {@code select}, else the batch selected before, else the newest. */
    private void refreshBatches(String select) {
        BatchSource from = source;
        if (from == null) {
            return;
        }
        background("Reading batches", () -> {
            List<BatchStatus> all = from.service().batches();
            ui(() -> showBatches(all, select));
        });
    }

    private void showBatches(List<BatchStatus> all, String select) {
        batches.removeAll();
        int chosen = -1;
        for (BatchStatus batch : all) {
            TableItem item = new TableItem(batches, SWT.NONE);
            item.setData(batch.id());
            item.setText(row(batch));
            if (batch.id().equals(select != null ? select : batchId)) {
                chosen = batches.getItemCount() - 1;
            }
        }
        if (chosen < 0 && !all.isEmpty()) {
            chosen = all.size() - 1;
        }
        if (chosen >= 0) {
            batches.setSelection(chosen);
            batches.showSelection();
            String id = all.get(chosen).id();
            if (id.equals(batchId)) {
                refreshStatus(false);
            } else {
                selectBatch(id);
            }
        }
    }

    private static String[] row(BatchStatus batch) {
        return new String[] { batch.id(), (batch.simulated() ? "[simulated] " : "") + batch.plan(), batch.state(),
                String.format(Locale.ROOT, "%,d",
                batch.quantity()), CREATED.format(batch.createdAt()) };
    }

    private void selectBatch(String id) {
        if (id.equals(batchId)) {
            return;
        }
        batchId = id;
        status = null;
        diagram.reset();
        deviceTitle.setText("Select a device to see its history.");
        history.removeAll();
        refreshStatus(true);
    }

    /** Reads the selected batch's counts; {@code reset}: the device table starts over (new batch or filter). */
    private void refreshStatus(boolean reset) {
        BatchSource from = source;
        String id = batchId;
        if (from == null || id == null || (statusInFlight && !reset)) {
            return;
        }
        statusInFlight = true;
        background("Reading batch " + id, () -> {
            try {
                BatchStatus read = from.service().status(id);
                ui(() -> showStatus(from, read, reset));
            } finally {
                ui(() -> statusInFlight = false);
            }
        });
    }

    private void showStatus(BatchSource from, BatchStatus read, boolean reset) {
        if (from != source || !read.id().equals(batchId)) {
            return;
        }
        status = read;
        diagram.show(read);
        for (TableItem item : batches.getItems()) {
            if (read.id().equals(item.getData())) {
                item.setText(row(read));
            }
        }
        long count = shownCount();
        if (reset) {
            devices.show(from.service(), read.id(), filter(), count);
        } else {
            devices.refresh(count);
        }
        updateActions();
    }

    private List<Stage> filter() {
        return diagram.filter() == null ? List.of() : List.of(diagram.filter());
    }

    /** Devices the table holds: the filter stage's, or the whole batch's. */
    private long shownCount() {
        if (status == null) {
            return 0;
        }
        Stage stage = diagram.filter();
        return stage == null ? status.stages().values().stream().mapToLong(Long::longValue).sum() : status.count(stage);
    }

    private void showDevices() {
        if (source == null || batchId == null) {
            return;
        }
        devices.show(source.service(), batchId, filter(), shownCount());
        refreshStatus(false);
    }

    private void showHistory() {
        BatchStore.DeviceInfo device = devices.selected();
        BatchSource from = source;
        if (device == null || from == null) {
            return;
        }
        deviceTitle.setText("Device " + device.index() + ": reading its history\u2026");
        background("Reading the history of device " + device.index(), () -> {
            List<AuditLog.Entry> entries = from.service().history(device.batchId(), device.index());
            ui(() -> showHistory(device, entries));
        });
    }

    private void showHistory(BatchStore.DeviceInfo device, List<AuditLog.Entry> entries) {
        deviceTitle.setText(String.format(Locale.ROOT, "Device %d of batch %s%s%s, %s: %d entries", device.index(),
                device.batchId(), device.eid() == null ? "" : ", EID " + device.eid(),
                device.serial() == null ? "" : ", serial " + device.serial(), device.stage().name(), entries.size()));
        history.setRedraw(false);
        history.removeAll();
        for (AuditLog.Entry entry : entries) {
            new TableItem(history, SWT.NONE).setText(new String[] { entry.seq() == 0 ? "" : Long.toString(entry.seq()),
                    entry.recordedAt() == null ? "" : CREATED.format(entry.recordedAt()), entry.actor(), entry.action(),
                    entry.subject(), entry.details() });
        }
        history.setRedraw(true);
        deviceTitle.getParent().layout();
    }

    // ---- actions

    private void newBatch() {
        BatchSource into = source;
        if (into == null) {
            return;
        }
        NewBatchDialog dialog = new NewBatchDialog(getSite().getShell());
        if (dialog.open() != Window.OK) {
            return;
        }
        NewBatchDialog.Request request = dialog.request();
        String id = "b-" + HexFormat.of().formatHex(randomBytes());
        Job create = Job.create("Creating batch " + id, monitor -> {
            try {
                Path plan = WorkspacePaths.resolve(request.plan());
                List<Path> agreements = new ArrayList<>();
                for (String part : request.agreements().split(";")) {
                    if (!part.isBlank()) {
                        agreements.add(WorkspacePaths.resolve(part));
                    }
                }
                BatchSpec spec = BatchCreation.spec(plan, agreements, request.quantity(), id, monitor);
                into.create(id, spec);
                ui(() -> {
                    statusLine.setText(String.format(Locale.ROOT, "%s %s created: %,d devices, plan '%s', %d "
                            + "profile(s).", spec.simulated() ? "Simulated batch" : "Batch", id, spec.quantity(),
                            spec.plan(), spec.profiles().size()));
                    refreshBatches(id);
                });
                return Status.OK_STATUS;
            } catch (DesignFileException | BatchServiceException | IllegalArgumentException
                    | IllegalStateException e) {
                showError("Batch not created: " + e.getMessage());
                return Status.OK_STATUS;
            } catch (OperationCanceledException e) {
                showError("Batch not created: planning cancelled.");
                return Status.CANCEL_STATUS;
            }
        });
        create.setUser(true);
        create.schedule();
    }

    private static byte[] randomBytes() {
        byte[] random = new byte[4];
        ThreadLocalRandom.current().nextBytes(random);
        return random;
    }

    private void runBatch(boolean requeue) {
        if (source == null || batchId == null) {
            return;
        }
        RunBatchJob job = new RunBatchJob(source.service(), batchId, requeue);
        job.addJobChangeListener(new JobChangeAdapter() {
            @Override
            public void done(IJobChangeEvent event) {
                running.remove(job);
                ui(() -> {
                    statusLine.setText(job.outcome());
                    refreshBatches(job.batchId());
                    updateActions();
                });
            }
        });
        running.add(job);
        statusLine.setText(job.getName() + "\u2026");
        updateActions();
        job.schedule();
        tick();
    }

    /** While a run is going, the counts and the table are read again every LIVE_REFRESH_MS. */
    private void tick() {
        if (ticking) {
            return;
        }
        ticking = true;
        statusLine.getDisplay().timerExec(LIVE_REFRESH_MS, new Runnable() {
            @Override
            public void run() {
                if (statusLine.isDisposed()) {
                    return;
                }
                if (running.isEmpty()) {
                    ticking = false;
                    return;
                }
                refreshStatus(false);
                statusLine.getDisplay().timerExec(LIVE_REFRESH_MS, this);
            }
        });
    }

    private void cancelBatch() {
        BatchSource from = source;
        String id = batchId;
        if (from == null || id == null || !MessageDialog.openConfirm(getSite().getShell(), "Cancel Batch",
                "Cancel batch " + id + "? Its orders in progress are cancelled at the vendor and every device not "
                        + "shipped is voided. This cannot be undone.")) {
            return;
        }
        Job job = Job.create("Cancelling batch " + id, monitor -> {
            try {
                long voided = from.service().cancel(id);
                ui(() -> {
                    statusLine.setText(String.format(Locale.ROOT, "Batch %s cancelled: %,d devices voided.", id,
                            voided));
                    refreshBatches(id);
                });
                return Status.OK_STATUS;
            } catch (BatchServiceException e) {
                showError("Batch " + id + " not cancelled: " + e.getMessage());
                return Status.OK_STATUS;
            }
        });
        job.setUser(true);
        job.schedule();
    }

    private void updateActions() {
        boolean open = status != null && status.state().equals("OPEN");
        boolean busy = status != null && running.stream().anyMatch(j -> j.batchId().equals(status.id()));
        newBatch.setEnabled(source != null);
        run.setEnabled(open && !busy);
        resume.setEnabled(open && !busy && status.count(Stage.RETRY) > 0);
        cancel.setEnabled(open);
        refresh.setEnabled(source != null);
    }

    // ---- plumbing

    @FunctionalInterface
    private interface Read {
        void run() throws BatchServiceException;
    }

    /** Reads in a system job; a failure shows in the status line. */
    private void background(String name, Read read) {
        Job job = Job.create(name, monitor -> {
            try {
                read.run();
            } catch (BatchServiceException e) {
                showError(e.getMessage());
            }
            return Status.OK_STATUS;
        });
        job.setSystem(true);
        job.schedule();
    }

    private void showError(String message) {
        ui(() -> {
            statusLine.setText(message);
            statusLine.getParent().layout();
        });
    }

    private void ui(Runnable update) {
        if (statusLine != null && !statusLine.isDisposed()) {
            statusLine.getDisplay().asyncExec(() -> {
                if (!statusLine.isDisposed()) {
                    update.run();
                }
            });
        }
    }

    @Override
    public void setFocus() {
        batches.setFocus();
    }

    @Override
    public void dispose() {
        OrchestrationPreferences.instance().removePreferenceChangeListener(sourceChanged);
        super.dispose();
    }

    /** For tests: whether a run of this view is going. */
    boolean running() {
        return !running.isEmpty();
    }
}
