package io.ifpp.profile.ui.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import org.eclipse.core.commands.ExecutionException;
import org.eclipse.core.commands.operations.IOperationHistory;
import org.eclipse.core.commands.operations.IUndoContext;
import org.eclipse.core.commands.operations.ObjectUndoContext;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IEditorSite;
import org.eclipse.ui.IFileEditorInput;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.actions.ActionFactory;
import org.eclipse.ui.forms.editor.FormEditor;
import org.eclipse.ui.ide.IGotoMarker;
import org.eclipse.ui.operations.RedoActionHandler;
import org.eclipse.ui.operations.UndoActionHandler;

import io.ifpp.core.AtomicFiles;
import io.ifpp.profile.OperationalProfile;
import io.ifpp.profile.ProfileCodec;
import io.ifpp.profile.ProfileValidator;
import io.ifpp.profile.asn1.Asn1DecodeException;
import io.ifpp.ui.StateChangeOperation;

/**
 * The editor of SAIP profile packages (.der): Overview, Identity and Network, Security, Elements and Source pages
 * over one {@link OperationalProfile}. Every edit is an undoable operation; findings of the validator are markers.
 */
public final class ProfileEditor extends FormEditor implements IGotoMarker {

    public static final String ID = "io.ifpp.profile.ui.editor";

    private final IUndoContext undoContext = new ObjectUndoContext(this, "Profile editor");
    private final List<ProfileFormPage> profilePages = new ArrayList<>();
    private IFile file;
    private OperationalProfile saved;
    private OperationalProfile current;
    private String unreadable;

    @Override
    public void init(IEditorSite site, IEditorInput input) throws PartInitException {
        if (!(input instanceof IFileEditorInput fileInput)) {
            throw new PartInitException("The profile editor opens workspace files");
        }
        super.init(site, input);
        file = fileInput.getFile();
        setPartName(file.getName());
        try {
            byte[] bytes = file.readAllBytes();
            saved = OperationalProfile.of(ProfileCodec.decode(bytes));
            current = saved;
        } catch (Asn1DecodeException e) {
            unreadable = file.getName() + " is not a SAIP profile package: " + e.getMessage();
        } catch (CoreException e) {
            unreadable = file.getName() + " cannot be read: " + e.getStatus().getMessage();
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
            if (current == null) {
                addPage(new UnreadablePage(this, unreadable));
                return;
            }
            for (ProfileFormPage page : List.of(new OverviewPage(this), new IdentityPage(this), new SecurityPage(this),
                    new ElementsPage(this), new SourcePage(this))) {
                profilePages.add(page);
                addPage(page);
            }
        } catch (PartInitException e) {
            throw new IllegalStateException("the profile editor pages cannot be created", e);
        }
    }

    IFile file() {
        return file;
    }

    OperationalProfile profile() {
        return current;
    }

    /** Applies {@code edit} to the profile as one undoable step named {@code label}. */
    void edit(String label, UnaryOperator<OperationalProfile> edit) {
        OperationalProfile after = edit.apply(current);
        if (after.toPackage().equals(current.toPackage())) {
            return;
        }
        IOperationHistory history = PlatformUI.getWorkbench().getOperationSupport().getOperationHistory();
        try {
            history.execute(new StateChangeOperation<>(label, undoContext, current, after, this::show), null, null);
        } catch (ExecutionException e) {
            throw new IllegalStateException(label + " failed", e);
        }
    }

    /** Shows {@code profile} as the current state (an edit, its undo or its redo). */
    void show(OperationalProfile profile) {
        current = profile;
        firePropertyChange(PROP_DIRTY);
        for (ProfileFormPage page : profilePages) {
            page.refresh();
        }
        validate();
    }

    private void validate() {
        ProfileMarkers.update(file, ProfileValidator.validate(current.toPackage()));
    }

    @Override
    public boolean isDirty() {
        return current != null && !current.toPackage().equals(saved.toPackage());
    }

    @Override
    public void doSave(IProgressMonitor monitor) {
        if (file.getLocation() == null) {
            org.eclipse.jface.dialogs.MessageDialog.openError(getSite().getShell(), "Save " + file.getName(),
                    "The profile was not saved: " + file.getFullPath() + " is not a file on this machine's disk.");
            return;
        }
        try {
            // The whole package or nothing: a crash mid-save leaves the previous file.
            AtomicFiles.write(file.getLocation().toFile().toPath(), ProfileCodec.encode(current.toPackage()));
            file.refreshLocal(IResource.DEPTH_ZERO, monitor);
            saved = current;
            firePropertyChange(PROP_DIRTY);
        } catch (IOException | CoreException e) {
            org.eclipse.jface.dialogs.ErrorDialog.openError(getSite().getShell(), "Save " + file.getName(),
                    "The profile was not saved; the file on disk is unchanged.",
                    Status.error(e.getClass().getSimpleName() + ": " + e.getMessage(), e));
        }
    }

    @Override
    public void doSaveAs() {
        throw new UnsupportedOperationException("Save As is not offered for profiles");
    }

    @Override
    public boolean isSaveAsAllowed() {
        return false;
    }

    @Override
    public void gotoMarker(IMarker marker) {
        int index = marker.getAttribute(ProfileMarkers.ELEMENT_INDEX, -1);
        for (ProfileFormPage page : profilePages) {
            if (page instanceof ElementsPage elements) {
                setActivePage(elements.getId());
                Display.getCurrent().asyncExec(() -> elements.select(index));
            }
        }
    }

    @Override
    public void dispose() {
        PlatformUI.getWorkbench().getOperationSupport().getOperationHistory().dispose(undoContext, true, true, true);
        super.dispose();
    }
}
