package io.ifpp.ui.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.MUIElement;
import org.eclipse.e4.ui.model.application.ui.advanced.MPlaceholder;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IViewReference;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;

/** The bot of the whole workbench: menus, views, perspectives, screenshots; SWTBot's {@code SWTWorkbenchBot}. */
public final class WorkbenchBot extends Bot {

    /** Waits until the workbench window is open, then returns a bot for it. */
    public WorkbenchBot() {
        waitUntil(Conditions.that("the workbench window to open", () -> PlatformUI.isWorkbenchRunning()
                && UIThread.syncExec(() -> PlatformUI.getWorkbench().getActiveWorkbenchWindow() != null)));
    }

    private static IWorkbenchWindow window() {
        IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        return window != null ? window : PlatformUI.getWorkbench().getWorkbenchWindows()[0];
    }

    public BotShell workbenchShell() {
        return new BotShell(UIThread.syncExec(() -> window().getShell()));
    }

    /** Closes every dialog left open (e.g. by a failed test), as SWTBot tests do in their tear-down. */
    public void closeAllShellsExceptWorkbench() {
        UIThread.syncExec(() -> {
            Shell workbench = window().getShell();
            for (Shell shell : UIThread.display().getShells()) {
                if (shell != workbench && !shell.isDisposed() && shell.isVisible()) {
                    shell.close();
                }
            }
        });
    }

    /** A top-level menu of the workbench window's menu bar. */
    public BotMenu menu(String text) {
        Menu bar = UIThread.syncExec(() -> window().getShell().getMenuBar());
        return BotMenu.find(this, bar, text, "");
    }

    public String activePerspectiveLabel() {
        return UIThread.syncExec(() -> {
            IWorkbenchPage page = window().getActivePage();
            return page == null || page.getPerspective() == null ? "" : page.getPerspective().getLabel();
        });
    }

    public String activePerspectiveId() {
        return UIThread.syncExec(() -> {
            IWorkbenchPage page = window().getActivePage();
            return page == null || page.getPerspective() == null ? "" : page.getPerspective().getId();
        });
    }

    /** Titles of the views open in the active page. */
    public List<String> viewTitles() {
        return UIThread.syncExec(() -> Arrays.stream(window().getActivePage().getViewReferences())
                .map(IViewReference::getPartName).toList());
    }

    public BotView viewByTitle(String title) {
        return view("a view titled '" + title + "'", r -> title.equals(r.getPartName()));
    }

    public BotView viewById(String id) {
        return view("the view " + id, r -> id.equals(r.getId()));
    }

    private BotView view(String description, java.util.function.Predicate<IViewReference> matcher) {
        IViewReference reference = waitForWidget(description, () -> UIThread.syncExec(() -> Arrays
                .stream(window().getActivePage().getViewReferences()).filter(matcher).findFirst().orElse(null)));
        MPart part = UIThread.syncExec(() -> {
            MApplication application = PlatformUI.getWorkbench().getService(MApplication.class);
            EModelService models = PlatformUI.getWorkbench().getService(EModelService.class);
            MUIElement element = models.find(reference.getId(), application);
            if (element instanceof MPlaceholder placeholder) {
                element = placeholder.getRef();
            }
            return (MPart) element;
        });
        return new BotView(reference, Objects.requireNonNull(part, description));
    }

    /** Saves a PNG of the workbench window as shown on the display (under Xvfb in CI). */
    public Path captureScreenshot(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        UIThread.syncExec(() -> {
            Shell shell = window().getShell();
            shell.forceActive();
            while (shell.getDisplay().readAndDispatch()) {
                // paint everything queued before the capture
            }
            Rectangle bounds = shell.getBounds();
            Image image = new Image(shell.getDisplay(), bounds.width, bounds.height);
            GC gc = new GC(shell.getDisplay());
            try {
                gc.copyArea(image, bounds.x, bounds.y);
                ImageLoader loader = new ImageLoader();
                loader.data = new ImageData[] { image.getImageData() };
                loader.save(file.toString(), SWT.IMAGE_PNG);
            } finally {
                gc.dispose();
                image.dispose();
            }
        });
        return file;
    }
}
