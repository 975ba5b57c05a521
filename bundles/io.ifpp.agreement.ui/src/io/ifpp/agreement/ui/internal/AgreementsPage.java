package io.ifpp.agreement.ui.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.function.BiFunction;
import java.util.function.Function;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.IPath;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Text;
import org.eclipse.jface.dialogs.IMessageProvider;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.forms.IManagedForm;
import org.eclipse.ui.forms.IMessageManager;
import org.eclipse.ui.forms.editor.FormPage;
import org.eclipse.ui.forms.widgets.FormToolkit;
import org.eclipse.ui.forms.widgets.ScrolledForm;
import org.eclipse.ui.forms.widgets.Section;
import org.eclipse.ui.ide.IDE;

import io.ifpp.agreement.Agreement;
import io.ifpp.agreement.AgreementStatus;
import io.ifpp.agreement.DesignFileException;
import io.ifpp.agreement.ProfileDesigns;
import io.ifpp.ui.Widgets;

/**
 * The agreements of the file in a table, and the terms of the selected one in a form. A field whose text does not
 * parse is reported in the form's header and leaves the agreement unchanged.
 */
final class AgreementsPage extends FormPage {

    private final AgreementEditor editor;
    private final String unreadable;
    private TableViewer table;
    private IMessageManager messages;
    private Text provider;
    private Combo status;
    private Button factory;
    private Text quota;
    private Text validFrom;
    private Text validUntil;
    private Text perProfile;
    private Text perDeviceMonth;
    private Text design;
    private Button openDesign;
    private int selected = -1;

    AgreementsPage(AgreementEditor editor, String unreadable) {
        super(editor, "agreements", "Agreements");
        this.editor = editor;
        this.unreadable = unreadable;
    }

    @Override
    protected void createFormContent(IManagedForm managedForm) {
        ScrolledForm form = managedForm.getForm();
        FormToolkit toolkit = managedForm.getToolkit();
        form.setText("Carrier agreements");
        messages = managedForm.getMessageManager();
        Composite body = form.getBody();
        body.setLayout(new GridLayout());
        if (unreadable != null) {
            form.setMessage(unreadable, IMessageProvider.ERROR);
            return;
        }
        SashForm sash = new SashForm(body, SWT.HORIZONTAL);
        toolkit.adapt(sash);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(sash);

        Section list = toolkit.createSection(sash, Section.TITLE_BAR);
        list.setText("Agreements");
        table = new TableViewer(toolkit.createTable(list, SWT.FULL_SELECTION | SWT.BORDER));
        Widgets.tag(table.getTable(), "agreements.table");
        table.getTable().setHeaderVisible(true);
        column("Id", 160, Agreement::id);
        column("Provider", 180, Agreement::provider);
        column("Status", 70, a -> String.valueOf(a.status()));
        column("Factory", 60, a -> a.factoryProvisioning() ? "yes" : "no");
        column("Valid until", 90, a -> String.valueOf(a.validUntil()));
        column("Quota", 90, a -> String.format("%,d", a.profileQuota()));
        table.setContentProvider(ArrayContentProvider.getInstance());
        table.addSelectionChangedListener(e -> select(table.getTable().getSelectionIndex()));
        list.setClient(table.getTable());

        Section details = toolkit.createSection(sash, Section.TITLE_BAR);
        details.setText("Terms");
        Composite fields = toolkit.createComposite(details);
        fields.setLayout(new GridLayout(2, false));
        provider = field(toolkit, fields, "Provider:", "agreement.provider", (a, text) -> copy(a, text, a.status(),
                a.factoryProvisioning(), a.profileQuota(), a.validFrom(), a.validUntil(), a.prices()));
        toolkit.createLabel(fields, "Status:");
        status = Widgets.tag(new Combo(fields, SWT.READ_ONLY), "agreement.status");
        for (AgreementStatus value : AgreementStatus.values()) {
            status.add(value.label());
        }
        status.addListener(SWT.Selection, e -> apply("Change status", a -> copy(a, a.provider(),
                AgreementStatus.ofLabel(status.getText()), a.factoryProvisioning(), a.profileQuota(), a.validFrom(),
                a.validUntil(), a.prices())));
        toolkit.createLabel(fields, "");
        factory = Widgets.tag(toolkit.createButton(fields, "Factory provisioning permitted", SWT.CHECK),
                "agreement.factory");
        factory.addListener(SWT.Selection, e -> apply("Change factory provisioning", a -> copy(a, a.provider(),
                a.status(), factory.getSelection(), a.profileQuota(), a.validFrom(), a.validUntil(), a.prices())));
        quota = field(toolkit, fields, "Profile quota:", "agreement.quota", (a, text) -> copy(a, a.provider(),
                a.status(), a.factoryProvisioning(), Long.parseLong(text.replace(",", "")), a.validFrom(),
                a.validUntil(), a.prices()));
        validFrom = field(toolkit, fields, "Valid from:", "agreement.validFrom", (a, text) -> copy(a, a.provider(),
                a.status(), a.factoryProvisioning(), a.profileQuota(), LocalDate.parse(text), a.validUntil(),
                a.prices()));
        validUntil = field(toolkit, fields, "Valid until:", "agreement.validUntil", (a, text) -> copy(a, a.provider(),
                a.status(), a.factoryProvisioning(), a.profileQuota(), a.validFrom(), LocalDate.parse(text),
                a.prices()));
        perProfile = field(toolkit, fields, "Price per profile:", "agreement.perProfile", (a, text) -> copy(a,
                a.provider(), a.status(), a.factoryProvisioning(), a.profileQuota(), a.validFrom(), a.validUntil(),
                new Agreement.Prices(a.prices().currency(), new BigDecimal(text), a.prices().perDeviceMonth(),
                        a.prices().perDeviceMonthByCountry())));
        perDeviceMonth = field(toolkit, fields, "Price per device-month:", "agreement.perDeviceMonth", (a, text) -> copy(
                a, a.provider(), a.status(), a.factoryProvisioning(), a.profileQuota(), a.validFrom(), a.validUntil(),
                new Agreement.Prices(a.prices().currency(), a.prices().perProfile(), new BigDecimal(text),
                        a.prices().perDeviceMonthByCountry())));
        toolkit.createLabel(fields, "Profile design:");
        Composite designRow = toolkit.createComposite(fields);
        GridLayoutFactory.fillDefaults().numColumns(2).applyTo(designRow);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(designRow);
        design = Widgets.tag(toolkit.createText(designRow, "", SWT.READ_ONLY), "agreement.design");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(design);
        openDesign = Widgets.tag(toolkit.createButton(designRow, "Open", SWT.PUSH), "agreement.openDesign");
        openDesign.setToolTipText("Open the SAIP design in the profile editor");
        openDesign.addListener(SWT.Selection, e -> openDesign());
        details.setClient(fields);
        sash.setWeights(55, 45);
        refresh();
        if (!editor.book().agreements().isEmpty()) {
            table.getTable().setSelection(0);
            select(0);
        }
    }

    private void column(String title, int width, Function<Agreement, String> text) {
        TableViewerColumn column = new TableViewerColumn(table, SWT.LEFT);
        column.getColumn().setText(title);
        column.getColumn().setWidth(width);
        column.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return text.apply((Agreement) element);
            }
        });
    }

    /** A text field applied on Enter or when it loses focus. */
    private Text field(FormToolkit toolkit, Composite parent, String label, String id,
            BiFunction<Agreement, String, Agreement> edit) {
        toolkit.createLabel(parent, label);
        Text text = Widgets.tag(toolkit.createText(parent, ""), id);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(text);
        Runnable apply = () -> {
            if (selected < 0) {
                return;
            }
            try {
                Agreement changed = edit.apply(editor.book().agreements().get(selected), text.getText().strip());
                messages.removeMessage(id, text);
                editor.editAgreement(selected, "Change " + label.replace(":", "").toLowerCase(), a -> changed);
            } catch (NumberFormatException | DateTimeParseException e) {
                messages.addMessage(id, label.replace(":", "") + ": '" + text.getText() + "' is not "
                        + (e instanceof DateTimeParseException ? "a date (YYYY-MM-DD)" : "a number"), null,
                        IMessageProvider.ERROR, text);
            }
        };
        text.addListener(SWT.DefaultSelection, e -> apply.run());
        text.addListener(SWT.FocusOut, e -> apply.run());
        return text;
    }

    private void apply(String label, java.util.function.UnaryOperator<Agreement> edit) {
        if (selected >= 0) {
            editor.editAgreement(selected, label, edit);
        }
    }

    private void select(int index) {
        selected = index;
        if (index < 0) {
            return;
        }
        Agreement agreement = editor.book().agreements().get(index);
        provider.setText(String.valueOf(agreement.provider()));
        status.setText(agreement.status() == null ? "" : agreement.status().label());
        factory.setSelection(agreement.factoryProvisioning());
        quota.setText(Long.toString(agreement.profileQuota()));
        validFrom.setText(String.valueOf(agreement.validFrom()));
        validUntil.setText(String.valueOf(agreement.validUntil()));
        perProfile.setText(agreement.prices() == null ? "" : String.valueOf(agreement.prices().perProfile()));
        perDeviceMonth.setText(agreement.prices() == null ? "" : String.valueOf(agreement.prices().perDeviceMonth()));
        showDesign(agreement);
    }

    /** The design's name with its measured size, or why it cannot be read; Open only for a design that exists. */
    private void showDesign(Agreement agreement) {
        String name = agreement.profile() == null ? null : agreement.profile().design();
        if (name == null || name.isBlank()) {
            design.setText("none: a batch cannot load this profile");
            openDesign.setEnabled(false);
            return;
        }
        try {
            ProfileDesigns.Design read = editor.designs().read(name);
            design.setText(String.format("%s (%,d bytes installed, %d KB counted)", name, read.installedBytes(),
                    read.installedKb()));
        } catch (DesignFileException e) {
            design.setText(name + ": " + e.getMessage());
        }
        openDesign.setEnabled(designFile(name).exists());
    }

    private IFile designFile(String name) {
        return editor.designsRoot().getFile(IPath.fromOSString(name));
    }

    private void openDesign() {
        Agreement agreement = selected < 0 ? null : editor.book().agreements().get(selected);
        if (agreement == null || agreement.profile() == null || agreement.profile().design() == null) {
            return;
        }
        try {
            IDE.openEditor(editor.getSite().getPage(), designFile(agreement.profile().design()));
        } catch (PartInitException e) {
            messages.addMessage("agreement.design", "The design cannot be opened: " + e.getMessage(), null,
                    IMessageProvider.ERROR, design);
        }
    }

    /** Shows the editor's current book (after an edit, undo or redo). */
    void refresh() {
        if (table == null || table.getTable().isDisposed()) {
            return;
        }
        // setInput clears the table's selection and tells the listener so: keep the agreement being edited.
        int editing = selected;
        table.setInput(editor.book().agreements());
        if (editing >= 0) {
            table.getTable().setSelection(editing);
            select(editing);
        }
    }

    private static Agreement copy(Agreement a, String provider, AgreementStatus status, boolean factory, long quota,
            LocalDate validFrom, LocalDate validUntil, Agreement.Prices prices) {
        return new Agreement(a.id(), provider, a.operator(), a.profile(), a.coverage(), factory, quota, validFrom,
                validUntil, prices, status, a.smdpPlus(), a.example());
    }
}
