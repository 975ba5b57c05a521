package io.ifpp.profile.ui.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.resources.IContainer;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.runtime.IPath;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.forms.widgets.FormToolkit;

import io.ifpp.agreement.Agreement;
import io.ifpp.agreement.DesignFileException;
import io.ifpp.agreement.DesignFiles;
import io.ifpp.agreement.ProfileDesigns;
import io.ifpp.core.Iccid;
import io.ifpp.profile.ProfileHeader;

/**
 * Header: version, profile type, ICCID (editable, kept equal in EF.ICCID), mandatory services, elements; and the
 * agreements that use this design.
 */
final class OverviewPage extends ProfileFormPage {

    static final String ID = "overview";

    private Label version;
    private Label type;
    private Text iccid;
    private Label services;
    private Label gfstes;
    private Label elements;
    private Label agreements;

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
        Composite use = section(toolkit, body, "Agreements", "The carrier agreements that name this design as the "
                + "profile they supply (agreements/ beside this design's folder).", 2);
        agreements = value(toolkit, use, "Used by:", "overview.agreements");
    }

    /**
     * The agreements of the agreements folder beside this design's folder whose profile design is this file, or
     * why they cannot be read.
     */
    private String usingAgreements() {
        IFile file = profileEditor().file();
        IContainer root = file.getParent().getParent();
        if (root == null || root.getType() == IResource.ROOT || root.getLocation() == null
                || !root.getFolder(IPath.fromOSString("agreements")).exists()) {
            return "(no agreements folder beside this design's folder)";
        }
        Path folder = root.getLocation().toPath().resolve("agreements");
        try {
            ProfileDesigns designs = ProfileDesigns.under(root.getLocation().toPath());
            Path self = file.getLocation().toPath().toAbsolutePath().normalize();
            List<String> ids = new ArrayList<>();
            for (Agreement agreement : DesignFiles.readAgreements(List.of(folder)).agreements()) {
                String design = agreement.profile() == null ? null : agreement.profile().design();
                if (design != null && !design.isBlank() && designs.file(design).equals(self)) {
                    ids.add(agreement.id());
                }
            }
            return ids.isEmpty() ? "none" : String.join(", ", ids);
        } catch (DesignFileException | RuntimeException e) {
            // Only information beside the profile: whatever the agreements hold must not break its editor.
            return "(the agreements cannot be read: " + e.getMessage() + ")";
        }
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
        agreements.setText(usingAgreements());
        getManagedForm().getForm().reflow(true);
    }
}
