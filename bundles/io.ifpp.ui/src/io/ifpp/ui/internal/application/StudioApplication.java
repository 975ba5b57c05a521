package io.ifpp.ui.internal.application;

import java.io.File;
import java.net.URL;

import org.eclipse.core.runtime.Platform;
import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.osgi.service.datalocation.Location;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.PlatformUI;

import io.ifpp.core.ProductInfo;

/** The IFPP Studio workbench application: locks the workspace, then runs the workbench until it closes. */
public final class StudioApplication implements IApplication {

    @Override
    public Object start(IApplicationContext context) throws Exception {
        Display display = PlatformUI.createDisplay();
        Location workspace = Platform.getInstanceLocation();
        try {
            // Reading the URL applies the default (~/ifpp-workspace, the product's osgi.instance.area.default) when
            // no -data was given; lock() alone refuses a location that is not set yet.
            if (workspace.getURL() == null) {
                MessageDialog.openError(null, ProductInfo.NAME, "No workspace is set. Start with -data <folder>.");
                return IApplication.EXIT_OK;
            }
            if (!workspace.lock()) {
                MessageDialog.openError(null, ProductInfo.NAME, "The workspace " + describe(workspace.getURL())
                        + " is in use by another IFPP Studio. Close that one, or start with -data <another folder>.");
                return IApplication.EXIT_OK;
            }
            int code = PlatformUI.createAndRunWorkbench(display, new IfppWorkbenchAdvisor());
            return code == PlatformUI.RETURN_RESTART ? IApplication.EXIT_RESTART : IApplication.EXIT_OK;
        } finally {
            if (workspace.isLocked()) {
                workspace.release();
            }
            display.dispose();
        }
    }

    private static String describe(URL location) {
        return location == null ? "(none)" : new File(location.getFile()).getAbsolutePath();
    }

    @Override
    public void stop() {
        if (!PlatformUI.isWorkbenchRunning()) {
            return;
        }
        IWorkbench workbench = PlatformUI.getWorkbench();
        Display display = workbench.getDisplay();
        display.syncExec(() -> {
            if (!display.isDisposed()) {
                workbench.close();
            }
        });
    }
}
