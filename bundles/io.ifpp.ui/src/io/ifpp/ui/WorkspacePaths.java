package io.ifpp.ui;

import java.nio.file.Path;

import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.IPath;

/** Paths people type into a view: a workspace path (/project/folder/file) or a file system path. */
public final class WorkspacePaths {

    private WorkspacePaths() {
    }

    /** The file of a workspace path (/project/...) when such a resource exists, else the text as a file system path. */
    public static Path resolve(String text) {
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("a workspace path (/project/...) or a file path is needed");
        }
        IResource resource = ResourcesPlugin.getWorkspace().getRoot().findMember(IPath.fromOSString(trimmed));
        if (resource != null && resource.getLocation() != null) {
            return resource.getLocation().toPath();
        }
        return Path.of(trimmed);
    }
}
