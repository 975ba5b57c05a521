package io.ifpp.profile.ui.internal;

import org.eclipse.core.commands.operations.AbstractOperation;
import org.eclipse.core.runtime.IAdaptable;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;

import io.ifpp.profile.OperationalProfile;

/** One edit of a profile in the editor, undoable through the workbench operation history. */
final class ProfileEditOperation extends AbstractOperation {

    private final ProfileEditor editor;
    private final OperationalProfile before;
    private final OperationalProfile after;

    ProfileEditOperation(ProfileEditor editor, String label, OperationalProfile before, OperationalProfile after) {
        super(label);
        this.editor = editor;
        this.before = before;
        this.after = after;
        addContext(editor.undoContext());
    }

    @Override
    public IStatus execute(IProgressMonitor monitor, IAdaptable info) {
        editor.show(after);
        return Status.OK_STATUS;
    }

    @Override
    public IStatus redo(IProgressMonitor monitor, IAdaptable info) {
        return execute(monitor, info);
    }

    @Override
    public IStatus undo(IProgressMonitor monitor, IAdaptable info) {
        editor.show(before);
        return Status.OK_STATUS;
    }
}
