package io.ifpp.orchestration.ui.internal.connectors;

import java.util.List;

import org.eclipse.jface.preference.PreferencePage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPreferencePage;

import io.ifpp.orchestration.partners.ConnectorConfigurations;
import io.ifpp.ui.Widgets;

/**
 * The workbench's connectors: where their configuration files are, each configured one with its state, and how to
 * get more (Help > Install New Software). Each installed connector type has its own page below this one.
 */
public final class ConnectorsPreferencePage extends PreferencePage implements IWorkbenchPreferencePage {

    @Override
    public void init(IWorkbench workbench) {
        noDefaultAndApplyButton();
        setDescription("Partners the workbench's embedded engine reaches: each installed connector type has a page "
                + "below. Install more with Help > Install New Software from a connector's p2 repository.");
    }

    @Override
    protected Control createContents(Composite parent) {
        Composite page = new Composite(parent, SWT.NONE);
        page.setLayout(new GridLayout(1, false));
        Label list = Widgets.tag(new Label(page, SWT.WRAP), "connectors.configured");
        list.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        try {
            ConnectorConfigurations configurations = WorkbenchConnectors.configurations();
            List<ConnectorConfigurations.Configured> configured = configurations.configured();
            StringBuilder text = new StringBuilder("Configuration files: " + configurations.folder() + "\n");
            if (configured.isEmpty()) {
                text.append("No connector is configured yet.");
            }
            for (ConnectorConfigurations.Configured connector : configured) {
                text.append('\n').append(connector.id()).append(" (").append(connector.type()).append("): ")
                        .append(configurations.state(connector));
            }
            list.setText(text.toString());
        } catch (Exception e) {
            list.setText("The connectors' configurations cannot be read: " + e.getMessage());
        }
        return page;
    }
}
