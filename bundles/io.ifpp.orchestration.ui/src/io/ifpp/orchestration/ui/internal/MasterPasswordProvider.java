package io.ifpp.orchestration.ui.internal;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;

import javax.crypto.spec.PBEKeySpec;

import org.eclipse.equinox.security.storage.provider.IPreferencesContainer;
import org.eclipse.equinox.security.storage.provider.PasswordProvider;
import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.PlatformUI;

/**
 * The master password of Eclipse secure storage, asked of the user (twice when it is new). The platform's own
 * provider (org.eclipse.equinox.security.ui) is not published on Maven Central, and without any provider secure
 * storage encrypts nothing: this one lets the orchestration preferences keep a server token encrypted. The password
 * is held by the secure storage for the session, never by this class.
 */
public final class MasterPasswordProvider extends PasswordProvider {

    @Override
    public PBEKeySpec getPassword(IPreferencesContainer container, int passwordType) {
        boolean isNew = (passwordType & CREATE_NEW_PASSWORD) != 0;
        AtomicReference<char[]> entered = new AtomicReference<>();
        PlatformUI.getWorkbench().getDisplay().syncExec(() -> {
            PasswordDialog dialog = new PasswordDialog(PlatformUI.getWorkbench().getDisplay().getActiveShell(), isNew);
            if (dialog.open() == Dialog.OK) {
                entered.set(dialog.password);
            }
        });
        char[] password = entered.get();
        if (password == null) {
            return null; // cancelled: the storage operation fails with its own message
        }
        try {
            return new PBEKeySpec(password);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private static final class PasswordDialog extends Dialog {

        private final boolean isNew;
        private Text first;
        private Text again;
        private Label problem;
        private char[] password;

        PasswordDialog(Shell parent, boolean isNew) {
            super(parent);
            this.isNew = isNew;
        }

        @Override
        protected void configureShell(Shell shell) {
            super.configureShell(shell);
            shell.setText("Secure Storage Password");
        }

        @Override
        protected Control createDialogArea(Composite parent) {
            Composite area = (Composite) super.createDialogArea(parent);
            new Label(area, SWT.WRAP).setText(isNew ? "Choose the master password that encrypts IFPP Studio's "
                    + "secure storage (server tokens):" : "The master password of IFPP Studio's secure storage:");
            first = new Text(area, SWT.BORDER | SWT.PASSWORD);
            first.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
            if (isNew) {
                new Label(area, SWT.NONE).setText("Again:");
                again = new Text(area, SWT.BORDER | SWT.PASSWORD);
                again.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
            }
            problem = new Label(area, SWT.NONE);
            problem.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
            return area;
        }

        @Override
        protected void okPressed() {
            char[] typed = first.getTextChars();
            char[] repeated = again == null ? typed.clone() : again.getTextChars();
            boolean same = Arrays.equals(typed, repeated);
            Arrays.fill(repeated, '\0');
            if (typed.length == 0 || !same) {
                Arrays.fill(typed, '\0');
                problem.setText(typed.length == 0 ? "The password is empty." : "The two passwords differ.");
                getButton(IDialogConstants.OK_ID).setFocus();
                return;
            }
            password = typed;
            super.okPressed();
        }
    }
}
