package io.ifpp.profile.ui.internal;

import java.io.ByteArrayInputStream;
import java.io.InputStream;

import org.eclipse.core.resources.IFile;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.jface.viewers.ListViewer;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.wizard.Wizard;
import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.INewWizard;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.dialogs.WizardNewFileCreationPage;
import org.eclipse.ui.ide.IDE;

import io.ifpp.profile.BuiltInTemplates;
import io.ifpp.profile.ProfileCodec;
import io.ifpp.ui.Widgets;

/** File &gt; New &gt; SAIP Profile Package: a .der file from a built-in template, opened in the profile editor. */
public final class NewProfileWizard extends Wizard implements INewWizard {

    private IWorkbench workbench;
    private IStructuredSelection selection;
    private FilePage filePage;
    private TemplatePage templatePage;

    @Override
    public void init(IWorkbench workbench, IStructuredSelection selection) {
        this.workbench = workbench;
        this.selection = selection;
        setWindowTitle("New SAIP Profile Package");
        setNeedsProgressMonitor(true);
    }

    @Override
    public void addPages() {
        filePage = new FilePage(selection);
        templatePage = new TemplatePage();
        addPage(filePage);
        addPage(templatePage);
    }

    @Override
    public boolean performFinish() {
        IFile file = filePage.createNewFile();
        if (file == null) {
            return false;
        }
        try {
            IDE.openEditor(workbench.getActiveWorkbenchWindow().getActivePage(), file, ProfileEditor.ID);
        } catch (PartInitException e) {
            filePage.setErrorMessage("The profile was created but cannot be opened: " + e.getMessage());
        }
        return true;
    }

    /** The platform's file page, whose initial contents are the chosen template encoded as DER. */
    private final class FilePage extends WizardNewFileCreationPage {

        FilePage(IStructuredSelection selection) {
            super("file", selection);
            setTitle("SAIP profile package");
            setDescription("Where to create the profile (.der) in the workspace.");
            setFileExtension("der");
            setFileName("profile.der");
        }

        @Override
        protected InputStream getInitialContents() {
            return new ByteArrayInputStream(ProfileCodec.encode(templatePage.template().load()));
        }
    }

    private static final class TemplatePage extends WizardPage {

        private BuiltInTemplates.Template chosen = BuiltInTemplates.ALL.get(0);

        TemplatePage() {
            super("template");
            setTitle("Template");
            setDescription("The profile starts from a template; personalization later sets each device's identity and keys.");
        }

        BuiltInTemplates.Template template() {
            return chosen;
        }

        @Override
        public void createControl(Composite parent) {
            Composite area = new Composite(parent, SWT.NONE);
            area.setLayout(new GridLayout());
            ListViewer list = new ListViewer(area, SWT.SINGLE | SWT.BORDER);
            Widgets.tag(list.getList(), "newProfile.templates");
            GridDataFactory.fillDefaults().grab(true, true).applyTo(list.getList());
            list.setContentProvider(ArrayContentProvider.getInstance());
            list.setLabelProvider(new LabelProvider() {
                @Override
                public String getText(Object element) {
                    return ((BuiltInTemplates.Template) element).name();
                }
            });
            Label description = new Label(area, SWT.WRAP);
            GridDataFactory.fillDefaults().grab(true, false).hint(400, SWT.DEFAULT).applyTo(description);
            list.setInput(BuiltInTemplates.ALL);
            list.addSelectionChangedListener(event -> {
                if (event.getStructuredSelection().getFirstElement() instanceof BuiltInTemplates.Template template) {
                    chosen = template;
                    description.setText(template.description());
                }
            });
            list.setSelection(new StructuredSelection(chosen));
            setControl(area);
        }
    }
}
