package io.ifpp.ui.internal.handlers;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.resources.WorkspaceJob;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.jface.dialogs.InputDialog;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.handlers.HandlerUtil;
import org.eclipse.ui.part.ISetSelectionTarget;

import io.ifpp.ui.Widgets;
import io.ifpp.ui.internal.workspace.IfppProjects;

/** IFPP &gt; New IFPP Project...: asks for a name, creates the project in a job, reveals it in Project Explorer. */
public final class NewIfppProjectHandler extends AbstractHandler {

    public static final String DIALOG_TITLE = "New IFPP Project";

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        IWorkbenchWindow window = HandlerUtil.getActiveWorkbenchWindowChecked(event);
        InputDialog dialog = new InputDialog(window.getShell(), DIALOG_TITLE,
                "Project name (its folders " + String.join(", ", IfppProjects.FOLDERS) + " hold your design files):",
                "", text -> {
                    IStatus status = IfppProjects.validateName(text);
                    return status.isOK() ? null : status.getMessage();
                });
        dialog.create();
        Widgets.tag(dialog.getShell(), "newProject.dialog");
        if (dialog.open() != Window.OK) {
            return null;
        }
        String name = dialog.getValue().strip();
        WorkspaceJob job = new WorkspaceJob("Creating IFPP project " + name) {
            @Override
            public IStatus runInWorkspace(IProgressMonitor monitor) throws CoreException {
                IProject project = IfppProjects.create(name, monitor);
                reveal(window, project);
                return Status.OK_STATUS;
            }
        };
        job.setRule(ResourcesPlugin.getWorkspace().getRoot());
        job.setUser(true);
        job.schedule();
        return null;
    }

    private static void reveal(IWorkbenchWindow window, IProject project) {
        Display display = window.getWorkbench().getDisplay();
        display.asyncExec(() -> {
            if (window.getActivePage() == null) {
                return;
            }
            IViewPart explorer = window.getActivePage().findView(IPageLayout.ID_PROJECT_EXPLORER);
            if (explorer instanceof ISetSelectionTarget target) {
                target.selectReveal(new StructuredSelection(project));
            }
        });
    }
}
