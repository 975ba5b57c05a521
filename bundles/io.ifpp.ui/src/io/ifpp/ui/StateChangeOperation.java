package io.ifpp.ui;

import java.util.function.Consumer;

import org.eclipse.core.commands.operations.AbstractOperation;
import org.eclipse.core.commands.operations.IUndoContext;
import org.eclipse.core.runtime.IAdaptable;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;

/**
 * One edit of an editor whose model is an immutable value: executing or redoing shows the value after the edit,
 * undoing shows the value before, through the workbench operation history.
 */
public final class StateChangeOperation<T> extends AbstractOperation {

    private final T before;
    private final T after;
    private final Consumer<T> show;

    public StateChangeOperation(String label, IUndoContext context, T before, T after, Consumer<T> show) {
        super(label);
        this.before = before;
        this.after = after;
        this.show = show;
        addContext(context);
    }

    @Override
    public IStatus execute(IProgressMonitor monitor, IAdaptable info) {
        show.accept(after);
        return Status.OK_STATUS;
    }

    @Override
    public IStatus redo(IProgressMonitor monitor, IAdaptable info) {
        return execute(monitor, info);
    }

    @Override
    public IStatus undo(IProgressMonitor monitor, IAdaptable info) {
        show.accept(before);
        return Status.OK_STATUS;
    }
}
