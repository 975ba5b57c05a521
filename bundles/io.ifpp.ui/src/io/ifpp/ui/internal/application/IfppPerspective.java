package io.ifpp.ui.internal.application;

import org.eclipse.ui.IFolderLayout;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IPerspectiveFactory;

/**
 * The IFPP perspective: workspace on the left, editors in the middle, Properties on the right, Problems and
 * Progress below. The profile, agreement and orchestration views of later bundles open in the placeholders.
 */
public final class IfppPerspective implements IPerspectiveFactory {

    public static final String ID = "io.ifpp.ui.perspective";

    /** Views of the IFPP bundles ({@code io.ifpp.<area>.ui}) have ids under this prefix. */
    static final String IFPP_VIEWS = "io.ifpp.*";

    @Override
    public void createInitialLayout(IPageLayout layout) {
        String editors = layout.getEditorArea();

        IFolderLayout left = layout.createFolder("io.ifpp.ui.left", IPageLayout.LEFT, 0.22f, editors);
        left.addView(IPageLayout.ID_PROJECT_EXPLORER);

        IFolderLayout bottom = layout.createFolder("io.ifpp.ui.bottom", IPageLayout.BOTTOM, 0.70f, editors);
        bottom.addView(IPageLayout.ID_PROBLEM_VIEW);
        bottom.addView(IPageLayout.ID_PROGRESS_VIEW);
        bottom.addPlaceholder(IFPP_VIEWS);

        IFolderLayout right = layout.createFolder("io.ifpp.ui.right", IPageLayout.RIGHT, 0.72f, editors);
        right.addView(IPageLayout.ID_PROP_SHEET);

        for (String id : new String[] { IPageLayout.ID_PROJECT_EXPLORER, IPageLayout.ID_PROBLEM_VIEW,
                IPageLayout.ID_PROGRESS_VIEW, IPageLayout.ID_PROP_SHEET }) {
            layout.addShowViewShortcut(id);
        }
        layout.addNewWizardShortcut("org.eclipse.ui.wizards.new.project");
        layout.addNewWizardShortcut("org.eclipse.ui.wizards.new.folder");
        layout.addNewWizardShortcut("org.eclipse.ui.wizards.new.file");
    }
}
