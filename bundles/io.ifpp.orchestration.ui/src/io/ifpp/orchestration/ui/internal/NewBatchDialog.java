package io.ifpp.orchestration.ui.internal;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

import io.ifpp.ui.Widgets;

/** Asks for a product plan, its agreement files and a quantity: what a new batch is made from. */
final class NewBatchDialog extends TitleAreaDialog {

    static final String TITLE = "New Batch";

    /** What was entered: workspace or file paths, agreements separated by ';'. */
    record Request(String plan, String agreements, int quantity) {
    }

    private Text plan;
    private Text agreements;
    private Text quantity;
    private Request request;

    NewBatchDialog(Shell parent) {
        super(parent);
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(TITLE);
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        setTitle("New manufacturing batch");
        setMessage("The planner picks the profile set for the plan's markets; the batch's devices start PLANNED. "
                + "The embedded engine makes simulated batches: the simulated vendor line and SM-DP+, EIDs of the "
                + "GSMA test EUM, ICCIDs from the range reserved for simulation.");
        Composite area = (Composite) super.createDialogArea(parent);
        Composite form = new Composite(area, SWT.NONE);
        form.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        form.setLayout(new GridLayout(3, false));
        plan = field(form, "Plan:", "newBatch.plan", "workspace path (/project/plans/x.yaml) or file path");
        browse(form, () -> {
            FileDialog files = new FileDialog(getShell(), SWT.OPEN);
            files.setFilterExtensions(new String[] { "*.yaml;*.yml;*.json", "*" });
            String chosen = files.open();
            if (chosen != null) {
                plan.setText(chosen);
            }
        });
        agreements = field(form, "Agreements:", "newBatch.agreements", "agreement files or folders, separated by ';'");
        browse(form, () -> {
            String chosen = new DirectoryDialog(getShell()).open();
            if (chosen != null) {
                agreements.setText(agreements.getText().isBlank() ? chosen : agreements.getText() + ";" + chosen);
            }
        });
        quantity = field(form, "Devices:", "newBatch.quantity", "how many devices the batch makes");
        quantity.setText("1000");
        new Label(form, SWT.NONE);
        return area;
    }

    private static Text field(Composite form, String label, String id, String hint) {
        new Label(form, SWT.NONE).setText(label);
        Text text = Widgets.tag(new Text(form, SWT.BORDER), id);
        text.setMessage(hint);
        GridData layout = new GridData(SWT.FILL, SWT.CENTER, true, false);
        layout.widthHint = 420;
        text.setLayoutData(layout);
        return text;
    }

    private static void browse(Composite form, Runnable action) {
        Button button = new Button(form, SWT.PUSH);
        button.setText("Browse\u2026");
        button.addListener(SWT.Selection, e -> action.run());
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.OK_ID, "Create", true);
        createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, false);
    }

    @Override
    protected void okPressed() {
        int devices;
        try {
            devices = Integer.parseInt(quantity.getText().strip().replace(",", "").replace("_", ""));
        } catch (NumberFormatException e) {
            setErrorMessage("The number of devices is a whole number, found '" + quantity.getText() + "'.");
            return;
        }
        if (devices < 1) {
            setErrorMessage("A batch needs at least one device.");
            return;
        }
        if (plan.getText().isBlank() || agreements.getText().isBlank()) {
            setErrorMessage("Give the plan and its agreements (workspace or file paths).");
            return;
        }
        request = new Request(plan.getText().strip(), agreements.getText().strip(), devices);
        super.okPressed();
    }

    /** What was entered, once the dialog closed with Create. */
    Request request() {
        return request;
    }
}
