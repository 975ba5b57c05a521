package io.ifpp.ui.internal.handlers;

import org.eclipse.core.runtime.IProduct;
import org.eclipse.core.runtime.Platform;
import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;

import io.ifpp.core.ProductInfo;
import io.ifpp.ui.Widgets;

/** Names the product and states its version, so a support request can quote the exact build. */
final class AboutIfppDialog extends Dialog {

    static final String TITLE = "About " + ProductInfo.NAME;

    AboutIfppDialog(Shell parent) {
        super(parent);
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(TITLE);
        Widgets.tag(shell, "about.dialog");
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        Label name = Widgets.tag(new Label(area, SWT.NONE), "about.name");
        name.setText(ProductInfo.NAME);
        name.setFont(JFaceResources.getHeaderFont());
        Label version = Widgets.tag(new Label(area, SWT.NONE), "about.version");
        version.setText("Version " + ProductInfo.shortVersion() + " (build " + ProductInfo.version().getQualifier() + ")");
        IProduct product = Platform.getProduct();
        String aboutText = product == null ? null : product.getProperty("aboutText");
        if (aboutText != null) {
            Label text = Widgets.tag(new Label(area, SWT.WRAP), "about.text");
            text.setText(aboutText);
            GridDataFactory.fillDefaults().grab(true, true).hint(520, SWT.DEFAULT).applyTo(text);
        }
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.OK_ID, IDialogConstants.CLOSE_LABEL, true);
    }
}
