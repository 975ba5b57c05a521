package io.ifpp.profile.ui.internal;

import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.forms.widgets.FormToolkit;

import io.ifpp.core.Iccid;
import io.ifpp.profile.ProfileHeader;

/** Header: version, profile type, ICCID (editable, kept equal in EF.ICCID), mandatory services, elements. */
final class OverviewPage extends ProfileFormPage {

    static final String ID = "overview";

    private Label version;
    private Label type;
    private Text iccid;
    private Label services;
    private Label gfstes;
    private Label elements;

    OverviewPage(ProfileEditor editor) {
        super(editor, ID, "Overview");
    }

    @Override
    void createContent(FormToolkit toolkit, Composite body) {
        Composite header = section(toolkit, body, "Profile header", "What the eUICC checks before it installs the profile.", 2);
        version = value(toolkit, header, "Version:", "overview.version");
        type = value(toolkit, header, "Profile type:", "overview.profileType");
        iccid = field(toolkit, header, "ICCID:", "overview.iccid",
                text -> profileEditor().edit("Change ICCID", p -> p.withIccid(Iccid.of(text))));
        Composite content = section(toolkit, body, "Contents", "Services the eUICC must offer, and the profile elements.", 2);
        services = value(toolkit, content, "Mandatory services:", "overview.services");
        gfstes = value(toolkit, content, "Mandatory GFSTEs:", "overview.gfstes");
        elements = value(toolkit, content, "Elements:", "overview.elements");
    }

    @Override
    void update() {
        var profile = profileEditor().profile();
        ProfileHeader header = profile.header().orElse(null);
        version.setText(header == null ? "(no header)" : header.version());
        type.setText(header == null ? "" : header.profileType().orElse("(none)"));
        set(iccid, profile.iccid().map(Iccid::digits).orElse(""));
        services.setText(header == null ? "" : String.join(", ", header.mandatoryServices()));
        gfstes.setText(header == null ? "" : String.join(", ", header.mandatoryGfstes()));
        elements.setText(profile.toPackage().elements().size() + ": " + String.join(", ", profile.toPackage().elementKinds()));
        getManagedForm().getForm().reflow(true);
    }
}
