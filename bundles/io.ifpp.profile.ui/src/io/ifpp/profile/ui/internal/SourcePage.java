package io.ifpp.profile.ui.internal;

import org.eclipse.jface.dialogs.IMessageProvider;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.forms.widgets.FormToolkit;

import io.ifpp.profile.OperationalProfile;
import io.ifpp.profile.ProfileCodec;
import io.ifpp.profile.asn1.Asn1TextException;
import io.ifpp.ui.Widgets;

/**
 * The package as ASN.1 value notation, editable and compiled back by Apply. It holds keys and codes in clear, so
 * it stays hidden until Show source is clicked, and hides again when the page is left.
 */
final class SourcePage extends ProfileFormPage {

    static final String ID = "source";

    private Button show;
    private Button apply;
    private Text source;
    private boolean shown;

    SourcePage(ProfileEditor editor) {
        super(editor, ID, "Source");
    }

    @Override
    void createContent(FormToolkit toolkit, Composite body) {
        show = Widgets.tag(toolkit.createButton(body, "Show source (reveals keys and codes)", SWT.PUSH), "source.show");
        apply = Widgets.tag(toolkit.createButton(body, "Apply source", SWT.PUSH), "source.apply");
        source = Widgets.tag(toolkit.createText(body, "", SWT.MULTI | SWT.V_SCROLL | SWT.H_SCROLL), "source.text");
        source.setFont(org.eclipse.jface.resource.JFaceResources.getTextFont());
        GridDataFactory.fillDefaults().grab(true, true).span(2, 1).hint(SWT.DEFAULT, 400).applyTo(source);
        show.addListener(SWT.Selection, e -> {
            shown = true;
            update();
        });
        apply.addListener(SWT.Selection, e -> {
            try {
                OperationalProfile compiled = OperationalProfile.of(ProfileCodec.compile(source.getText()));
                profileEditor().edit("Edit source", p -> compiled);
                getManagedForm().getForm().setMessage(null, IMessageProvider.NONE);
            } catch (Asn1TextException ex) {
                getManagedForm().getForm().setMessage("The source does not compile: " + ex.getMessage(), IMessageProvider.ERROR);
            }
        });
    }

    @Override
    void update() {
        show.setEnabled(!shown);
        apply.setEnabled(shown);
        source.setEditable(shown);
        source.setText(shown ? ProfileCodec.dump(profileEditor().profile().toPackage()) : "");
    }

    @Override
    public void setActive(boolean active) {
        super.setActive(active);
        if (!active && shown) {
            shown = false;
            refresh();
        }
    }
}
