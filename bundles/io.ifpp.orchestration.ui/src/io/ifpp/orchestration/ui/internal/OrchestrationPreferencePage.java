package io.ifpp.orchestration.ui.internal;

import java.net.URI;
import java.util.Arrays;

import org.eclipse.jface.preference.PreferencePage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPreferencePage;
import org.osgi.service.prefs.BackingStoreException;

import io.ifpp.orchestration.ui.internal.source.OrchestrationPreferences;
import io.ifpp.ui.Widgets;

/**
 * Where the orchestration view's batches come from: the workspace's embedded database, or a remote IFPP server by
 * URL and bearer token. The token goes to Eclipse secure storage (encrypted) and is never shown again: the field
 * stays empty, and leaving it empty keeps the stored one.
 */
public final class OrchestrationPreferencePage extends PreferencePage implements IWorkbenchPreferencePage {

    private Button embedded;
    private Button remote;
    private Text url;
    private Text fingerprint;
    private Text token;
    private Button forgetToken;

    @Override
    public void init(IWorkbench workbench) {
        setDescription("Where the Orchestration view reads and runs batches.");
    }

    @Override
    protected Control createContents(Composite parent) {
        Composite page = new Composite(parent, SWT.NONE);
        page.setLayout(new GridLayout(2, false));
        embedded = Widgets.tag(new Button(page, SWT.RADIO), "preferences.embedded");
        embedded.setText("Embedded: this workspace's own database, run in the workbench");
        embedded.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        remote = Widgets.tag(new Button(page, SWT.RADIO), "preferences.remote");
        remote.setText("Remote IFPP server");
        remote.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        new Label(page, SWT.NONE).setText("Server URL:");
        url = Widgets.tag(new Text(page, SWT.BORDER), "preferences.url");
        url.setMessage("https://ifpp.example.com:8443");
        url.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        new Label(page, SWT.NONE).setText("Certificate SHA-256:");
        fingerprint = Widgets.tag(new Text(page, SWT.BORDER), "preferences.fingerprint");
        fingerprint.setMessage("as 'ifpp server' prints it; empty: a certificate the JVM trusts");
        fingerprint.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        new Label(page, SWT.NONE).setText("Bearer token:");
        token = Widgets.tag(new Text(page, SWT.BORDER | SWT.PASSWORD), "preferences.token");
        token.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        new Label(page, SWT.NONE);
        forgetToken = new Button(page, SWT.CHECK);
        forgetToken.setText("Forget the stored token");
        embedded.addListener(SWT.Selection, e -> enable());
        remote.addListener(SWT.Selection, e -> enable());
        load(OrchestrationPreferences.remote(), OrchestrationPreferences.serverUrl(),
                OrchestrationPreferences.serverFingerprint());
        return page;
    }

    private void load(boolean isRemote, String serverUrl, String serverFingerprint) {
        embedded.setSelection(!isRemote);
        remote.setSelection(isRemote);
        url.setText(serverUrl);
        fingerprint.setText(serverFingerprint);
        token.setText("");
        token.setMessage(OrchestrationPreferences.hasToken() ? "(stored; type to replace)" : "(none stored)");
        forgetToken.setSelection(false);
        enable();
    }

    private void enable() {
        boolean isRemote = remote.getSelection();
        url.setEnabled(isRemote);
        fingerprint.setEnabled(isRemote);
        token.setEnabled(isRemote);
        forgetToken.setEnabled(isRemote);
    }

    @Override
    protected void performDefaults() {
        load(false, "", "");
        super.performDefaults();
    }

    @Override
    public boolean performOk() {
        String serverUrl = url.getText().strip();
        String serverFingerprint = fingerprint.getText().strip().toUpperCase(java.util.Locale.ROOT);
        if (remote.getSelection() && !serverFingerprint.isEmpty()
                && !serverFingerprint.matches("([0-9A-F]{2}:){31}[0-9A-F]{2}")) {
            setErrorMessage("The certificate fingerprint is 32 hexadecimal bytes separated by ':', as 'ifpp server' "
                    + "prints it.");
            return false;
        }
        if (remote.getSelection()) {
            try {
                URI uri = URI.create(serverUrl);
                if (uri.getScheme() == null || !uri.getScheme().equals("https") || uri.getHost() == null) {
                    throw new IllegalArgumentException("not an https URL: the server speaks HTTPS only");
                }
                if (uri.getUserInfo() != null) {
                    throw new IllegalArgumentException("credentials go in the token field, not in the URL");
                }
            } catch (IllegalArgumentException e) {
                setErrorMessage("The server URL is https://host[:port] (" + e.getMessage() + ").");
                return false;
            }
        }
        char[] typed = token.getTextChars();
        try {
            if (forgetToken.getSelection()) {
                OrchestrationPreferences.storeToken(new char[0]);
            } else if (typed.length > 0) {
                OrchestrationPreferences.storeToken(typed);
            }
        } catch (Exception e) {
            // The storage's message names the failure (e.g. no password provider), never the token.
            setErrorMessage("The token cannot be kept in the secure storage: " + e.getMessage());
            return false;
        } finally {
            Arrays.fill(typed, '\0');
            token.setText("");
        }
        var preferences = OrchestrationPreferences.instance();
        preferences.put(OrchestrationPreferences.SERVER_URL, serverUrl);
        preferences.put(OrchestrationPreferences.SERVER_FINGERPRINT, serverFingerprint);
        preferences.put(OrchestrationPreferences.SOURCE, remote.getSelection() ? OrchestrationPreferences.SOURCE_REMOTE
                : OrchestrationPreferences.SOURCE_EMBEDDED);
        try {
            preferences.flush();
        } catch (BackingStoreException e) {
            setErrorMessage("The preferences cannot be saved: " + e.getMessage());
            return false;
        }
        setErrorMessage(null);
        return true;
    }
}
