package io.ifpp.orchestration.ui.internal.connectors;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.Platform;
import org.eclipse.jface.preference.IPreferenceNode;
import org.eclipse.jface.preference.PreferenceManager;
import org.eclipse.jface.preference.PreferenceNode;
import org.eclipse.jface.preference.IPreferencePage;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IStartup;
import org.eclipse.ui.PlatformUI;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.metatype.ObjectClassDefinition;

import io.ifpp.orchestration.partners.ConnectorConfigurations;

/**
 * The workbench's connectors, configured as the server's are: one file per connector in the workspace's
 * {@code .metadata/.plugins/io.ifpp.orchestration.ui/connectors} folder, applied by File Install, and one preference
 * page per installed connector type under IFPP Orchestration > Connectors, built from its metatype. A connector
 * installed with Help > Install New Software gets its page once its bundle is resolved (a lazy one long
 * before it starts); one uninstalled loses it.
 */
public final class WorkbenchConnectors implements IStartup {

    /** The preference page all connector pages go under. */
    public static final String CONNECTORS_PAGE = "io.ifpp.orchestration.ui.connectors";
    private static final String PARENT_PATH = "io.ifpp.orchestration.ui.preferences/" + CONNECTORS_PAGE;
    private static final Object LOCK = new Object();
    private static ConnectorConfigurations configurations;

    /** The workspace's connector configurations, watched by File Install from the first call on. */
    public static ConnectorConfigurations configurations() throws Exception {
        synchronized (LOCK) {
            if (configurations == null) {
                Bundle bundle = FrameworkUtil.getBundle(WorkbenchConnectors.class);
                Path state = Platform.getStateLocation(bundle).toPath();
                ConnectorConfigurations watched = ConnectorConfigurations.of(state);
                watched.watch();
                configurations = watched;
            }
            return configurations;
        }
    }

    @Override
    public void earlyStartup() {
        BundleContext context = FrameworkUtil.getBundle(WorkbenchConnectors.class).getBundleContext();
        try {
            configurations();
        } catch (Exception e) {
            ILog.of(WorkbenchConnectors.class).error("The workspace's connector configurations are not read", e);
            return;
        }
        // A connector installed by p2 and applied without restart is resolved and, being lazy, only waits to start
        // (LAZY_ACTIVATION): its metatype is readable from then on, long before a class of it is loaded.
        int changes = BundleEvent.RESOLVED | BundleEvent.LAZY_ACTIVATION | BundleEvent.STARTED | BundleEvent.STOPPED
                | BundleEvent.UNRESOLVED | BundleEvent.UNINSTALLED;
        context.addBundleListener(event -> {
            if ((event.getType() & changes) != 0) {
                syncPages();
            }
        });
        syncPages();
    }

    /** One page per connector type installed now, under Connectors; pages of types gone are removed. */
    static void syncPages() {
        Map<String, ObjectClassDefinition> types;
        try {
            types = configurations().types();
        } catch (Exception e) {
            ILog.of(WorkbenchConnectors.class).error("The installed connector types cannot be read", e);
            return;
        }
        Display display = PlatformUI.isWorkbenchRunning() ? PlatformUI.getWorkbench().getDisplay() : null;
        if (display == null || display.isDisposed()) {
            return;
        }
        display.asyncExec(() -> {
            PreferenceManager manager = PlatformUI.getWorkbench().getPreferenceManager();
            IPreferenceNode parent = manager.find(PARENT_PATH);
            if (parent == null) {
                return;
            }
            Set<String> present = new TreeSet<>();
            for (IPreferenceNode node : parent.getSubNodes()) {
                if (!types.containsKey(node.getId())) {
                    parent.remove(node);
                } else {
                    present.add(node.getId());
                }
            }
            types.forEach((type, definition) -> {
                if (!present.contains(type)) {
                    parent.add(new ConnectorNode(type, definition));
                }
            });
        });
    }

    /** A node that makes a fresh page each time the preference dialog opens it. */
    private static final class ConnectorNode extends PreferenceNode {

        private final ObjectClassDefinition definition;

        ConnectorNode(String type, ObjectClassDefinition definition) {
            super(type, definition.getName() == null ? type : definition.getName(), null, null);
            this.definition = definition;
        }

        @Override
        public void createPage() {
            IPreferencePage page = new ConnectorPreferencePage(getId(), definition);
            page.setTitle(getLabelText());
            setPage(page);
        }
    }
}
