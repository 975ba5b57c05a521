package io.ifpp.profile.ui.internal;

import java.util.function.Consumer;

import org.eclipse.jface.dialogs.IMessageProvider;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.forms.IManagedForm;
import org.eclipse.ui.forms.editor.FormPage;
import org.eclipse.ui.forms.widgets.FormToolkit;
import org.eclipse.ui.forms.widgets.ScrolledForm;
import org.eclipse.ui.forms.widgets.Section;

import io.ifpp.ui.Widgets;

/** A page of the profile editor: Eclipse Forms layout, labelled fields that commit on Enter or focus loss. */
abstract class ProfileFormPage extends FormPage {

    private boolean refreshing;

    ProfileFormPage(ProfileEditor editor, String id, String title) {
        super(editor, id, title);
    }

    ProfileEditor profileEditor() {
        return (ProfileEditor) getEditor();
    }

    @Override
    protected final void createFormContent(IManagedForm managedForm) {
        ScrolledForm form = managedForm.getForm();
        form.setText(getTitle());
        managedForm.getToolkit().decorateFormHeading(form.getForm());
        GridLayoutFactory.swtDefaults().numColumns(2).equalWidth(true).applyTo(form.getBody());
        createContent(managedForm.getToolkit(), form.getBody());
        refresh();
    }

    abstract void createContent(FormToolkit toolkit, Composite body);

    /** Shows the editor's current profile; called after every edit, undo and redo. */
    final void refresh() {
        if (getManagedForm() == null || getManagedForm().getForm().isDisposed()) {
            return; // the page was never shown: it reads the profile when it is
        }
        refreshing = true;
        try {
            update();
        } finally {
            refreshing = false;
        }
    }

    abstract void update();

    Composite section(FormToolkit toolkit, Composite body, String title, String description, int columns) {
        Section section = toolkit.createSection(body, Section.TITLE_BAR | Section.DESCRIPTION);
        section.setText(title);
        section.setDescription(description);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(section);
        Composite client = toolkit.createComposite(section);
        GridLayoutFactory.swtDefaults().numColumns(columns).applyTo(client);
        section.setClient(client);
        return client;
    }

    Label value(FormToolkit toolkit, Composite parent, String label, String id) {
        toolkit.createLabel(parent, label);
        Label value = Widgets.tag(toolkit.createLabel(parent, "", SWT.WRAP), id);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(value);
        return value;
    }

    /** A text field whose value {@code commit} applies on Enter or when the field loses focus. */
    Text field(FormToolkit toolkit, Composite parent, String label, String id, Consumer<String> commit) {
        toolkit.createLabel(parent, label);
        Text text = Widgets.tag(toolkit.createText(parent, "", SWT.SINGLE), id);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(text);
        Runnable apply = () -> {
            if (!refreshing && !text.isDisposed()) {
                try {
                    commit.accept(text.getText());
                    getManagedForm().getForm().setMessage(null, IMessageProvider.NONE);
                } catch (IllegalArgumentException e) {
                    // What is wrong with the input, never the input itself if it may be a secret: fields here are not.
                    getManagedForm().getForm().setMessage(label + " " + e.getMessage(), IMessageProvider.ERROR);
                }
            }
        };
        text.addListener(SWT.DefaultSelection, e -> apply.run());
        text.addListener(SWT.FocusOut, e -> apply.run());
        return text;
    }

    static void set(Text text, String value) {
        if (!text.getText().equals(value)) {
            text.setText(value);
        }
    }
}
