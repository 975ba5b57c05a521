package io.ifpp.profile.ui.internal;

import java.util.stream.Collectors;

import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.forms.widgets.FormToolkit;

import io.ifpp.core.Imsi;
import io.ifpp.profile.OperationalProfile;

/** USIM identity and network selection: IMSI, MNC length, SPN, ACC, PLMN lists. */
final class IdentityPage extends ProfileFormPage {

    static final String ID = "identity";

    private Text imsi;
    private Label mncLength;
    private Text spn;
    private Label acc;
    private Label home;
    private Label operator;
    private Label forbidden;

    IdentityPage(ProfileEditor editor) {
        super(editor, ID, "Identity and Network");
    }

    @Override
    void createContent(FormToolkit toolkit, Composite body) {
        Composite identity = section(toolkit, body, "Identity", "EF.IMSI and EF.AD of the USIM, EF.SPN, EF.ACC.", 2);
        imsi = field(toolkit, identity, "IMSI:", "identity.imsi", text -> profileEditor().edit("Change IMSI",
                p -> p.withImsi(new Imsi(text.strip(), p.mncLength().orElse(2)))));
        mncLength = value(toolkit, identity, "MNC length (EF.AD):", "identity.mncLength");
        spn = field(toolkit, identity, "Service provider name:", "identity.spn",
                text -> profileEditor().edit("Change SPN", p -> p.withSpn(text)));
        acc = value(toolkit, identity, "Access control classes:", "identity.acc");
        Composite network = section(toolkit, body, "Network selection", "PLMN lists of the USIM (with access technologies).", 2);
        home = value(toolkit, network, "HPLMN with AcT:", "identity.hplmn");
        operator = value(toolkit, network, "OPLMN with AcT:", "identity.oplmn");
        forbidden = value(toolkit, network, "Forbidden PLMNs:", "identity.fplmn");
    }

    @Override
    void update() {
        OperationalProfile profile = profileEditor().profile();
        set(imsi, profile.imsi().map(Imsi::digits).orElse(""));
        mncLength.setText(profile.mncLength().isPresent() ? Integer.toString(profile.mncLength().getAsInt()) : "(no EF.AD)");
        set(spn, profile.spn().map(OperationalProfile.Spn::name).orElse(""));
        acc.setText(profile.accessControlClasses().isPresent() ? String.format("%04X", profile.accessControlClasses().getAsInt()) : "");
        home.setText(plmns(profile.homePlmns()));
        operator.setText(plmns(profile.operatorPlmns()));
        forbidden.setText(profile.forbiddenPlmns().isEmpty() ? "(none)"
                : profile.forbiddenPlmns().stream().map(Object::toString).collect(Collectors.joining(", ")));
        getManagedForm().getForm().reflow(true);
    }

    private static String plmns(java.util.List<OperationalProfile.PlmnWithAct> entries) {
        if (entries.isEmpty()) {
            return "(none)";
        }
        return entries.stream().map(e -> e.plmn() + " " + java.util.Arrays.stream(OperationalProfile.AccessTechnology.values())
                .filter(e::supports).map(Enum::name).collect(Collectors.joining("/"))).collect(Collectors.joining(", "));
    }
}
