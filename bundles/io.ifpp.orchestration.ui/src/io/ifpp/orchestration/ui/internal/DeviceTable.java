package io.ifpp.orchestration.ui.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;

import io.ifpp.orchestration.pipeline.BatchStore;
import io.ifpp.orchestration.pipeline.Stage;
import io.ifpp.orchestration.service.BatchService;
import io.ifpp.orchestration.service.BatchServiceException;
import io.ifpp.ui.Widgets;

/**
 * A batch's devices in a virtual table: SWT asks for the rows it shows, this fetches their pages through
 * {@link BatchService#devices} in a background job and keeps the last pages seen, so a batch of a million devices
 * costs the UI thread only the rows on screen.
 */
final class DeviceTable {

    static final int PAGE_SIZE = 500;
    private static final int PAGES_KEPT = 40;
    private static final String LOADING = "\u2026";

    private final Table table;
    private final Consumer<String> onError;
    private final Map<Long, List<BatchStore.DeviceInfo>> pages = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, List<BatchStore.DeviceInfo>> eldest) {
            return size() > PAGES_KEPT;
        }
    };
    private final java.util.Set<Long> loading = new java.util.HashSet<>();
    private BatchService service;
    private String batchId;
    private List<Stage> stages = List.of();
    /** Bumped whenever the rows may have changed: pages fetched for an older generation are dropped. */
    private long generation;

    DeviceTable(Composite parent, Consumer<String> onError) {
        this.onError = onError;
        table = Widgets.tag(new Table(parent, SWT.VIRTUAL | SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE),
                "orchestration.devices");
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        int[] widths = { 70, 190, 60, 270, 140, 300, 100, 260 };
        String[] titles = { "#", "Stage", "Market", "EID", "Serial", "ICCIDs", "Activate from", "Failure" };
        for (int i = 0; i < titles.length; i++) {
            TableColumn column = new TableColumn(table, SWT.LEFT);
            column.setText(titles[i]);
            column.setWidth(widths[i]);
        }
        table.addListener(SWT.SetData, event -> fill((TableItem) event.item, event.index));
    }

    Table control() {
        return table;
    }

    /** Shows another batch or stage filter: forgets every page, starts at the top. */
    void show(BatchService newService, String newBatchId, List<Stage> newStages, long count) {
        boolean sameQuery = Objects.equals(batchId, newBatchId) && stages.equals(newStages) && service == newService;
        service = newService;
        batchId = newBatchId;
        stages = List.copyOf(newStages);
        invalidate();
        table.setItemCount((int) Math.min(count, Integer.MAX_VALUE));
        if (!sameQuery && count > 0) {
            table.setTopIndex(0);
        }
    }

    /** The rows may have moved on (a run is going): fetch the visible pages again, keep the position. */
    void refresh(long count) {
        invalidate();
        table.setItemCount((int) Math.min(count, Integer.MAX_VALUE));
    }

    private void invalidate() {
        generation++;
        pages.clear();
        loading.clear();
        table.clearAll();
    }

    /** The device shown in the selected row, when its page is loaded. */
    BatchStore.DeviceInfo selected() {
        int row = table.getSelectionIndex();
        if (row < 0) {
            return null;
        }
        return device(row);
    }

    private BatchStore.DeviceInfo device(int row) {
        List<BatchStore.DeviceInfo> page = pages.get((long) row / PAGE_SIZE);
        int at = row % PAGE_SIZE;
        return page != null && at < page.size() ? page.get(at) : null;
    }

    private void fill(TableItem item, int row) {
        long page = (long) row / PAGE_SIZE;
        if (!pages.containsKey(page)) {
            item.setText(0, LOADING);
            request(page);
            return;
        }
        BatchStore.DeviceInfo device = device(row);
        if (device == null) {
            return; // the stage held fewer devices when its page was read; the next refresh recounts
        }
        item.setData(device);
        item.setText(new String[] { Integer.toString(device.index()), device.stage().name(), text(device.market()),
                text(device.eid()), text(device.serial()), String.join(" ", device.iccids()),
                text(device.activateFrom()), text(device.failure()) });
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    private void request(long page) {
        if (service == null || batchId == null || !loading.add(page)) {
            return;
        }
        BatchService from = service;
        String batch = batchId;
        List<Stage> filter = stages;
        long asked = generation;
        Job fetch = Job.create("Reading devices of batch " + batch, monitor -> {
            try {
                List<BatchStore.DeviceInfo> devices = from.devices(batch, filter, page * PAGE_SIZE, PAGE_SIZE);
                ui(() -> loaded(asked, page, devices));
            } catch (BatchServiceException e) {
                ui(() -> {
                    loading.remove(page);
                    onError.accept(e.getMessage());
                });
            }
            return Status.OK_STATUS;
        });
        fetch.setSystem(true);
        fetch.schedule();
    }

    private void loaded(long asked, long page, List<BatchStore.DeviceInfo> devices) {
        if (asked != generation) {
            return;
        }
        loading.remove(page);
        pages.put(page, devices);
        int first = (int) (page * PAGE_SIZE);
        int last = Math.min(first + PAGE_SIZE, table.getItemCount()) - 1;
        if (first <= last) {
            table.clear(first, last);
        }
    }

    private void ui(Runnable update) {
        if (!table.isDisposed()) {
            table.getDisplay().asyncExec(() -> {
                if (!table.isDisposed()) {
                    update.run();
                }
            });
        }
    }
}
