package io.ifpp.agreement.ui.internal;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import org.eclipse.core.commands.ExecutionException;
import org.eclipse.core.commands.operations.IOperationHistory;
import org.eclipse.core.commands.operations.IUndoContext;
import org.eclipse.core.commands.operations.ObjectUndoContext;
import org.eclipse.core.resources.IContainer;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.eclipse.jface.dialogs.ErrorDialog;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IEditorSite;
import org.eclipse.ui.IFileEditorInput;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.actions.ActionFactory;
import org.eclipse.ui.forms.editor.FormEditor;
import org.eclipse.ui.operations.RedoActionHandler;
import org.eclipse.ui.operations.UndoActionHandler;

import io.ifpp.agreement.Agreement;
import io.ifpp.agreement.AgreementBook;
import io.ifpp.agreement.AgreementValidator;
import io.ifpp.agreement.DesignFileException;
import io.ifpp.agreement.DesignFiles;
import io.ifpp.agreement.ProfileDesigns;
import io.ifpp.core.Diagnostic;
import io.ifpp.ui.StateChangeOperation;

/**
 * The editor of agreement files (YAML or JSON): a table of the agreements and a form for the selected one. Every
 * edit is an undoable operation; findings of the validator are problem markers on the file.
 */
public final class AgreementEditor extends FormEditor {

    public static final String ID = "io.ifpp.agreement.ui.editor";
    public static final String MARKER = "io.ifpp.agreement.ui.problem";

    private final IUndoContext undoContext = new ObjectUndoContext(this, "Agreement editor");
    private IFile file;
    private AgreementBook saved;
    private AgreementBook current;
    private String unreadable;
    private AgreementsPage page;

    @Override
    public void init(IEditorSite site, IEditorInput input) throws PartInitException {
        if (!(input instanceof IFileEditorInput fileInput) || fileInput.getFile().getLocation() == null) {
            throw new PartInitException("The agreement editor opens workspace files on the local disk");
        }
        super.init(site, input);
        file = fileInput.getFile();
        setPartName(file.getName());
        try {
            saved = DesignFiles.readAgreements(file.getLocation().toPath());
            current = saved;
        } catch (DesignFileException e) {
            unreadable = e.getMessage();
        }
        site.getActionBars().setGlobalActionHandler(ActionFactory.UNDO.getId(), new UndoActionHandler(site, undoContext));
        site.getActionBars().setGlobalActionHandler(ActionFactory.REDO.getId(), new RedoActionHandler(site, undoContext));
        if (current != null) {
            validate();
        }
    }

    @Override
    protected void addPages() {
        try {
            page = new AgreementsPage(this, unreadable);
            addPage(page);
        } catch (PartInitException e) {
            throw new IllegalStateException("the agreement editor page cannot be created", e);
        }
    }

    /**
     * Where the agreements' profile designs are: the folder that holds this file's folder (the project, for
     * agreements/ in a project); the project itself for a file at a project's top.
     */
    IContainer designsRoot() {
        IContainer folder = file.getParent();
        IContainer above = folder.getParent();
        return above == null || above.getType() == IResource.ROOT ? folder : above;
    }

    /** The designs as the validator and planner read them, from {@link #designsRoot()}. */
    ProfileDesigns designs() {
        return ProfileDesigns.under(designsRoot().getLocation().toPath());
    }

    AgreementBook book() {
        return current;
    }

    /** Replaces agreement {@code index} by {@code edit}'s result as one undoable step. */
    void editAgreement(int index, String label, UnaryOperator<Agreement> edit) {
        Agreement before = current.agreements().get(index);
        Agreement after = edit.apply(before);
        if (after.equals(before)) {
            return;
        }
        List<Agreement> agreements = new ArrayList<>(current.agreements());
        agreements.set(index, after);
        AgreementBook next = new AgreementBook(current.operators(), agreements, current.countryRules());
        IOperationHistory history = PlatformUI.getWorkbench().getOperationSupport().getOperationHistory();
        try {
            history.execute(new StateChangeOperation<>(label, undoContext, current, next, this::show), null, null);
        } catch (ExecutionException e) {
            throw new IllegalStateException(label + " failed", e);
        }
    }

    private void show(AgreementBook book) {
        current = book;
        firePropertyChange(PROP_DIRTY);
        page.refresh();
        validate();
    }

    private void validate() {
        AgreementValidator validator = new AgreementValidator(LocalDate.now());
        List<Diagnostic> findings = new ArrayList<>(validator.validate(current));
        if (designsRoot().getLocation() != null) {
            findings.addAll(validator.designs(current, designs()));
        }
        try {
            file.deleteMarkers(MARKER, false, IResource.DEPTH_ZERO);
            for (Diagnostic finding : findings) {
                IMarker marker = file.createMarker(MARKER);
                marker.setAttribute(IMarker.MESSAGE, finding.location() + ": " + finding.message()
                        + (finding.expected() == null ? "" : " (expected " + finding.expected() + ", found "
                                + finding.found() + ")"));
                marker.setAttribute(IMarker.SEVERITY, switch (finding.severity()) {
                    case ERROR -> IMarker.SEVERITY_ERROR;
                    case WARNING -> IMarker.SEVERITY_WARNING;
                    case INFO -> IMarker.SEVERITY_INFO;
                });
                marker.setAttribute(IMarker.LOCATION, finding.location());
                marker.setAttribute("rule", finding.rule());
            }
        } catch (CoreException e) {
            throw new IllegalStateException("cannot record the findings on " + file.getFullPath(), e);
        }
    }

    @Override
    public boolean isDirty() {
        return current != null && !current.equals(saved);
    }

    @Override
    public void doSave(IProgressMonitor monitor) {
        try {
            // Written whole or not at all (AtomicFiles); comments of a hand-written YAML file are not kept.
            DesignFiles.write(file.getLocation().toPath(), current);
            file.refreshLocal(IResource.DEPTH_ZERO, monitor);
            saved = current;
            firePropertyChange(PROP_DIRTY);
        } catch (IOException | CoreException e) {
            ErrorDialog.openError(getSite().getShell(), "Save " + file.getName(),
                    "The agreements were not saved; the file on disk is unchanged.",
                    Status.error(e.getClass().getSimpleName() + ": " + e.getMessage(), e));
        }
    }

    @Override
    public void doSaveAs() {
        throw new UnsupportedOperationException("Save As is not offered for agreement files");
    }

    @Override
    public boolean isSaveAsAllowed() {
        return false;
    }

    @Override
    public void dispose() {
        PlatformUI.getWorkbench().getOperationSupport().getOperationHistory().dispose(undoContext, true, true, true);
        super.dispose();
    }
}
