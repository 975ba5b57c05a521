package io.ifpp.profile.ui.internal;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.forms.IManagedForm;
import org.eclipse.ui.forms.editor.FormPage;
import org.eclipse.ui.forms.widgets.ScrolledForm;

import io.ifpp.ui.Widgets;

/** Shown instead of the profile pages when the file is no profile package: says where and why. */
final class UnreadablePage extends FormPage {

    private final String reason;

    UnreadablePage(ProfileEditor editor, String reason) {
        super(editor, "unreadable", "Not a profile");
        this.reason = reason;
    }

    @Override
    protected void createFormContent(IManagedForm managedForm) {
        ScrolledForm form = managedForm.getForm();
        form.setText("This file cannot be edited as a profile package");
        form.getBody().setLayout(new org.eclipse.swt.layout.GridLayout());
        Label label = Widgets.tag(managedForm.getToolkit().createLabel(form.getBody(), reason, SWT.WRAP), "profile.unreadable");
        GridDataFactory.fillDefaults().grab(true, false).hint(600, SWT.DEFAULT).applyTo(label);
    }
}
