package io.ifpp.ui.internal.workspace;

import java.util.List;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.IWorkspace;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;

/** An IFPP project: a workspace project with one folder per kind of design file architects keep in git. */
public final class IfppProjects {

    /** The folders of a new IFPP project, in the order they are created. */
    public static final List<String> FOLDERS = List.of("profiles", "agreements", "plans");

    private IfppProjects() {
    }

    /** OK, or an error saying why {@code name} cannot name a new project in this workspace. */
    public static IStatus validateName(String name) {
        IWorkspace workspace = ResourcesPlugin.getWorkspace();
        String trimmed = name == null ? "" : name.strip();
        IStatus valid = workspace.validateName(trimmed, IResource.PROJECT);
        if (!valid.isOK()) {
            return valid;
        }
        if (workspace.getRoot().getProject(trimmed).exists()) {
            return Status.error("A project named '" + trimmed + "' already exists in the workspace.");
        }
        return Status.OK_STATUS;
    }

    /** Creates and opens the project with its folders, as one workspace operation (one resource delta). */
    public static IProject create(String name, IProgressMonitor monitor) throws CoreException {
        IStatus valid = validateName(name);
        if (!valid.isOK()) {
            throw new CoreException(valid);
        }
        IWorkspace workspace = ResourcesPlugin.getWorkspace();
        IProject project = workspace.getRoot().getProject(name.strip());
        workspace.run(m -> {
            SubMonitor progress = SubMonitor.convert(m, "Creating IFPP project " + project.getName(), 2 + FOLDERS.size());
            project.create(progress.split(1));
            project.open(progress.split(1));
            for (String folder : FOLDERS) {
                project.getFolder(folder).create(false, true, progress.split(1));
            }
        }, workspace.getRoot(), IWorkspace.AVOID_UPDATE, monitor);
        return project;
    }
}
