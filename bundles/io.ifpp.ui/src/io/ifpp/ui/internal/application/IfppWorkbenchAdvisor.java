package io.ifpp.ui.internal.application;

import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IAdaptable;
import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.Platform;
import org.eclipse.equinox.p2.ui.Policy;
import org.eclipse.equinox.p2.ui.ProvisioningUI;
import org.eclipse.jface.resource.ImageDescriptor;
import org.eclipse.ui.application.IWorkbenchConfigurer;
import org.eclipse.ui.application.IWorkbenchWindowConfigurer;
import org.eclipse.ui.application.WorkbenchAdvisor;
import org.eclipse.ui.application.WorkbenchWindowAdvisor;
import org.eclipse.ui.ide.IDE;
import org.osgi.framework.Bundle;

/** Workbench-wide behaviour: the workspace is the page input, IDE adapters and images, save on exit. */
final class IfppWorkbenchAdvisor extends WorkbenchAdvisor {

    private static final String IDE_BUNDLE = "org.eclipse.ui.ide";

    @Override
    public void initialize(IWorkbenchConfigurer configurer) {
        super.initialize(configurer);
        configurer.setSaveAndRestore(true);
        // Labels, icons and Properties of workspace resources in Project Explorer come from the IDE adapters.
        IDE.registerAdapters();
        declareProjectImages(configurer);
    }

    /** The IDE's project icons are declared by its own advisor; an RCP application declares the ones it shows. */
    private static void declareProjectImages(IWorkbenchConfigurer configurer) {
        Bundle ide = Platform.getBundle(IDE_BUNDLE);
        declare(configurer, ide, IDE.SharedImages.IMG_OBJ_PROJECT, "icons/full/obj16/prj_obj.svg");
        declare(configurer, ide, IDE.SharedImages.IMG_OBJ_PROJECT_CLOSED, "icons/full/obj16/cprj_obj.svg");
    }

    private static void declare(IWorkbenchConfigurer configurer, Bundle bundle, String key, String path) {
        var url = bundle == null ? null : bundle.getEntry(path);
        if (url != null) {
            configurer.declareImage(key, ImageDescriptor.createFromURL(url), true);
        }
    }

    /**
     * Software installed with Help > Install New Software (connectors, mostly) can be applied without a restart:
     * connectors are services and their preference pages follow their bundles, so p2 offers "Apply Changes Now"
     * beside "Restart Now".
     */
    @Override
    public void postStartup() {
        ProvisioningUI.getDefaultUI().getPolicy().setRestartPolicy(Policy.RESTART_POLICY_PROMPT_RESTART_OR_APPLY);
    }

    @Override
    public String getInitialWindowPerspectiveId() {
        return IfppPerspective.ID;
    }

    @Override
    public IAdaptable getDefaultPageInput() {
        return ResourcesPlugin.getWorkspace().getRoot();
    }

    @Override
    public WorkbenchWindowAdvisor createWorkbenchWindowAdvisor(IWorkbenchWindowConfigurer configurer) {
        return new IfppWindowAdvisor(configurer);
    }

    @Override
    public void postShutdown() {
        try {
            ResourcesPlugin.getWorkspace().save(true, new NullProgressMonitor());
        } catch (CoreException e) {
            ILog.of(IfppWorkbenchAdvisor.class).error("The workspace could not be saved on exit", e);
        }
    }
}
