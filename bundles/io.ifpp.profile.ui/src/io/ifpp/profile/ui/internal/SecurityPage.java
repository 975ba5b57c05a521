package io.ifpp.profile.ui.internal;

import java.util.HexFormat;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.forms.widgets.FormToolkit;

import io.ifpp.core.Secret;
import io.ifpp.profile.OperationalProfile;
import io.ifpp.ui.Widgets;

/**
 * AKA parameters, PIN/PUK/ADM codes, security domains and applications. Keys and codes show masked, each revealed
 * only by its own Reveal button, and masked again on the next refresh.
 */
final class SecurityPage extends ProfileFormPage {

    static final String ID = "security";
    static final String MASK = "\u2022\u2022\u2022\u2022\u2022\u2022\u2022\u2022";

    private FormToolkit toolkit;
    private Composite aka;
    private Composite codes;
    private Composite domains;

    SecurityPage(ProfileEditor editor) {
        super(editor, ID, "Security");
    }

    @Override
    void createContent(FormToolkit formToolkit, Composite body) {
        toolkit = formToolkit;
        aka = section(toolkit, body, "Authentication (AKA)", "Algorithm, K and OPc of each akaParameter element.", 3);
        codes = section(toolkit, body, "PIN, PUK and ADM codes", "By key reference, as the eUICC will hold them.", 3);
        domains = section(toolkit, body, "Security domains and applications", "Instance AIDs; keys stay in the package.", 2);
    }

    @Override
    void update() {
        OperationalProfile profile = profileEditor().profile();
        for (Composite client : new Composite[] { aka, codes, domains }) {
            for (Control child : client.getChildren()) {
                child.dispose();
            }
        }
        for (OperationalProfile.AkaParameters parameters : profile.akaParameters()) {
            String prefix = "element " + (parameters.elementIndex() + 1) + " " + parameters.algorithm();
            secret(aka, prefix + " K:", "security.aka" + parameters.elementIndex() + ".key", parameters.key());
            secret(aka, prefix + " OPc:", "security.aka" + parameters.elementIndex() + ".opc", parameters.opc());
        }
        for (OperationalProfile.Code code : profile.pins()) {
            secret(codes, code.reference() + ":", "security.pin." + code.reference(), code.value());
        }
        for (OperationalProfile.Code code : profile.puks()) {
            secret(codes, code.reference() + ":", "security.puk." + code.reference(), code.value());
        }
        HexFormat hex = HexFormat.of().withUpperCase();
        for (OperationalProfile.SecurityDomain domain : profile.securityDomains()) {
            toolkit.createLabel(domains, "Security domain (element " + (domain.elementIndex() + 1) + "):");
            toolkit.createLabel(domains, hex.formatHex(domain.instanceAid()) + ", " + domain.keyCount() + " keys");
        }
        for (OperationalProfile.Application application : profile.applications()) {
            toolkit.createLabel(domains, "Application (element " + (application.elementIndex() + 1) + "):");
            toolkit.createLabel(domains, application.instanceAids().stream().map(hex::formatHex).toList().toString());
        }
        if (profile.securityDomains().isEmpty() && profile.applications().isEmpty()) {
            toolkit.createLabel(domains, "(none)");
        }
        for (Composite client : new Composite[] { aka, codes, domains }) {
            client.layout(true, true);
        }
        getManagedForm().getForm().reflow(true);
    }

    /** Label, masked value, Reveal/Hide button: the bytes reach the screen only on an explicit click. */
    private void secret(Composite parent, String label, String id, Secret secret) {
        toolkit.createLabel(parent, label);
        Label value = Widgets.tag(toolkit.createLabel(parent, masked(secret)), id);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(value);
        Button reveal = Widgets.tag(toolkit.createButton(parent, "Reveal", SWT.TOGGLE), id + ".reveal");
        reveal.addListener(SWT.Selection, e -> {
            value.setText(reveal.getSelection() ? secret.apply(bytes -> HexFormat.of().withUpperCase().formatHex(bytes))
                    : masked(secret));
            reveal.setText(reveal.getSelection() ? "Hide" : "Reveal");
            parent.layout(true);
        });
    }

    private static String masked(Secret secret) {
        return MASK + " (" + secret.length() + " bytes)";
    }
}
