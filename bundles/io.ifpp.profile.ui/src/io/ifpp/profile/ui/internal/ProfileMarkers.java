package io.ifpp.profile.ui.internal;

import java.util.List;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.WorkspaceJob;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;

import io.ifpp.core.Diagnostic;

/** Puts the findings of a profile's validation on its file as Problems view markers, replacing the old ones. */
final class ProfileMarkers {

    static final String TYPE = "io.ifpp.profile.ui.problem";
    static final String ELEMENT_INDEX = "elementIndex";
    static final String RULE = "rule";

    private ProfileMarkers() {
    }

    static void update(IFile file, List<Diagnostic> diagnostics) {
        WorkspaceJob job = new WorkspaceJob("Updating problems of " + file.getName()) {
            @Override
            public IStatus runInWorkspace(IProgressMonitor monitor) throws CoreException {
                if (!file.exists()) {
                    return Status.OK_STATUS;
                }
                file.deleteMarkers(TYPE, false, IResource.DEPTH_ZERO);
                for (Diagnostic diagnostic : diagnostics) {
                    IMarker marker = file.createMarker(TYPE);
                    marker.setAttribute(IMarker.MESSAGE, message(diagnostic));
                    marker.setAttribute(IMarker.SEVERITY, switch (diagnostic.severity()) {
                        case ERROR -> IMarker.SEVERITY_ERROR;
                        case WARNING -> IMarker.SEVERITY_WARNING;
                        case INFO -> IMarker.SEVERITY_INFO;
                    });
                    marker.setAttribute(IMarker.LOCATION, diagnostic.location());
                    marker.setAttribute(ELEMENT_INDEX, diagnostic.index());
                    marker.setAttribute(RULE, diagnostic.rule());
                }
                return Status.OK_STATUS;
            }
        };
        job.setRule(file);
        job.setSystem(true);
        job.schedule();
    }

    /** "[iccid-luhn] message (expected X, found Y)": never a secret, the validator describes keys by length. */
    static String message(Diagnostic diagnostic) {
        String comparison = diagnostic.expected() == null ? ""
                : " (expected " + diagnostic.expected() + ", found " + diagnostic.found() + ")";
        return "[" + diagnostic.rule() + "] " + diagnostic.message() + comparison;
    }
}
