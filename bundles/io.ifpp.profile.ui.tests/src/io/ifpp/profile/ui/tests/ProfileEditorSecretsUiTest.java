package io.ifpp.profile.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.CTabFolder;
import org.eclipse.swt.custom.CTabItem;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.ide.IDE;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.ifpp.core.Secret;
import io.ifpp.fixtures.Fixtures;
import io.ifpp.profile.OperationalProfile;
import io.ifpp.profile.ProfileCodec;
import io.ifpp.profile.ProfilePackage;
import io.ifpp.ui.testing.Conditions;
import io.ifpp.ui.testing.UIThread;
import io.ifpp.ui.testing.WidgetTexts;
import io.ifpp.ui.testing.WorkbenchBot;

/**
 * The secret-leak scan of the profile editor: a TS.48 package personalized with known random secrets is opened,
 * every page is shown, every text of the workbench window is read (all pages, every tree item expanded, the
 * Properties view for every row of the elements holding secrets, the Problems view) and none may show a key, OPc,
 * PIN, PUK or ADM code in clear. Revealing one key and showing the source are the controls: there the same
 * detector must find them, so a walk that reads nothing, or a detector that sees nothing, fails.
 */
class ProfileEditorSecretsUiTest {

    /** The TS.48 variant with the most kinds of secret: AKA, PIN, PUK, ADM, security domain keys and CDMA. */
    private static final String FIXTURE = "TS48_V7.0_eSIM_GTP_SAIP2.3_NoBERTLV";
    private static final String MASK = "\u2022\u2022\u2022\u2022\u2022\u2022\u2022\u2022";
    private static WorkbenchBot bot;
    private IFile file;

    @BeforeAll
    static void workbench() {
        bot = new WorkbenchBot();
    }

    @AfterEach
    void closeEditors() throws CoreException {
        bot.closeAllShellsExceptWorkbench();
        UIThread.syncExec(() -> {
            page().closeAllEditors(false);
        });
        if (file != null) {
            file.delete(true, null);
        }
    }

    @Test
    void noPageOrViewShowsASecretOfTheProfileInClear() throws Exception {
        ProfilePackage profile = KnownSecrets.personalized(ProfileCodec.decode(Fixtures.saipDer(FIXTURE)), new Random(20261124));
        KnownSecrets secrets = KnownSecrets.of(ProfileCodec.decode(write(profile)));
        assertEquals(Set.of("AKA key K", "AKA OPc", "PIN or ADM code", "PUK", "security domain or application key",
                "CDMA authentication key", "CDMA SSD", "CDMA HRPD access data", "CDMA simple IP data", "CDMA mobile IP data"),
                secrets.kinds(), "the package's secrets, as the codec reads them");
        OperationalProfile model = OperationalProfile.of(ProfileCodec.decode(file.readAllBytes()));
        int modelSecrets = 2 * model.akaParameters().size() + model.pins().size() + model.puks().size();
        assertTrue(secrets.all().size() > modelSecrets && modelSecrets >= 10, "the walk finds what the model shows ("
                + modelSecrets + ": K, OPc, PINs, ADMs, PUKs) and more: " + secrets.all().size());

        IEditorPart editor = open(file);
        List<WidgetTexts.Read> reads = new ArrayList<>();
        List<String> pages = editorPages();
        assertEquals(List.of("Overview", "Identity and Network", "Security", "Elements", "Source"), pages);
        for (String page : pages) {
            bot.cTabItem(page).activate();
            reads.addAll(window());
        }
        reads.addAll(propertiesOfEveryRowHoldingASecret(editor, secrets));
        var problems = bot.viewByTitle("Problems").show();
        reads.addAll(window());

        assertNothingShown(secrets, reads);
        assertTrue(reads.size() > 1_000, "the walk read " + reads.size() + " texts");
        // For the test report: how much the walk saw (never what).
        System.out.println("profile editor walk: " + reads.size() + " texts read, " + secrets.all().size()
                + " secrets of " + secrets.kinds().size() + " kinds looked for, none shown in clear");
        for (String expected : List.of("Profile header", "Authentication (AKA)", "PIN, PUK and ADM codes",
                "Show source (reveals keys and codes)", "value1 header", "Problems", "Properties", "Value")) {
            assertTrue(reads.stream().anyMatch(r -> r.text().equals(expected)), "the walk read '" + expected + "'");
        }
        assertTrue(problems.getTitle().equals("Problems"));
        // Masked where shown: every secret of the tree shows as a mask with its length, each key and code of the
        // Security page too, and the source is empty until asked for.
        long maskedRows = reads.stream().filter(r -> r.where().startsWith("Tree") && r.text().contains(MASK))
                .map(WidgetTexts.Read::text).distinct().count();
        assertTrue(maskedRows > 0, "masked rows in the elements tree");
        bot.cTabItem("Elements").activate();
        assertEquals(secrets.all().size(), countMaskedTreeRows(), "every secret component shows masked in the tree");
        bot.cTabItem("Security").activate();
        List<String> securityIds = securityValueIds();
        assertEquals(modelSecrets, securityIds.size(), "a masked value per key and code: " + securityIds);
        for (String id : securityIds) {
            assertTrue(bot.labelWithId(id).getText().matches(MASK + " \\(\\d+ bytes\\)"), id + " masked");
        }

        // The controls: what the user reveals, the detector finds; hidden again, it is gone.
        String firstKey = securityIds.stream().filter(id -> id.endsWith(".key")).findFirst().orElseThrow();
        bot.buttonWithId(firstKey + ".reveal").click();
        bot.waitUntil(Conditions.that("the key to be revealed", () -> !bot.labelWithId(firstKey).getText().startsWith(MASK)));
        assertEquals(Set.of("AKA key K"), shown(secrets, window()), "Reveal shows the key, and the walk sees it");
        bot.buttonWithId(firstKey + ".reveal").click();
        bot.waitUntil(Conditions.that("the key to be hidden", () -> bot.labelWithId(firstKey).getText().startsWith(MASK)));
        assertNothingShown(secrets, window());

        bot.cTabItem("Source").activate();
        bot.buttonWithId("source.show").click();
        bot.waitUntil(Conditions.that("the source to show", () -> !bot.textWithId("source.text").getText().isEmpty()));
        org.eclipse.swt.widgets.Text sourceText = bot.textWithId("source.text").widget;
        String source = UIThread.syncExec((java.util.function.Supplier<String>) sourceText::getText);
        for (KnownSecrets.Known secret : secrets.all()) {
            assertTrue(new KnownSecrets(List.of(secret)).shownIn(source).contains(secret.kind()),
                    "Show source reveals every secret, the detector finds each: " + secret.kind());
        }
        bot.cTabItem("Overview").activate();
        assertNothingShown(secrets, window());
        assertEquals("", UIThread.syncExec((java.util.function.Supplier<String>) sourceText::getText), "the source hides when the page is left");
    }

    @Test
    void malformedSecretsAreReportedInProblemsWithoutTheirValues() throws Exception {
        Random random = new Random(20261125);
        OperationalProfile model = OperationalProfile.of(KnownSecrets.personalized(
                ProfileCodec.decode(Fixtures.saipDer(FIXTURE)), random));
        // A PIN and a PUK of bytes that are no digits, a 15-byte key: each breaks a validation rule.
        OperationalProfile.Code pin = model.pins().stream().filter(c -> c.reference().startsWith("pinAppl")).findFirst().orElseThrow();
        OperationalProfile.Code puk = model.puks().getFirst();
        OperationalProfile.AkaParameters aka = model.akaParameters().getFirst();
        OperationalProfile malformed = model.withPin(pin.reference(), Secret.of(bytes(random, 8)))
                .withPuk(puk.reference(), Secret.of(bytes(random, 8)))
                .withAkaKeys(aka.elementIndex(), Secret.of(bytes(random, 15)), Secret.of(bytes(random, 16)));
        KnownSecrets secrets = KnownSecrets.of(ProfileCodec.decode(write(malformed.toPackage())));

        open(file);
        bot.waitUntil(Conditions.that("markers for the broken PIN, PUK and key", () -> markerRules()
                .containsAll(List.of("pin-format", "puk-format", "aka-key-length"))));
        List<WidgetTexts.Read> reads = new ArrayList<>();
        for (IMarker marker : file.findMarkers(IMarker.PROBLEM, true, IResource.DEPTH_ZERO)) {
            reads.add(new WidgetTexts.Read("marker message", marker.getAttribute(IMarker.MESSAGE, "")));
            reads.add(new WidgetTexts.Read("marker location", marker.getAttribute(IMarker.LOCATION, "")));
        }
        var problems = bot.viewByTitle("Problems").show().bot().tree();
        bot.waitUntil(Conditions.that("the Problems view to list the errors", () -> problems.itemTexts().stream()
                .anyMatch(t -> t.startsWith("Errors"))));
        reads.addAll(window());
        assertTrue(reads.stream().anyMatch(r -> r.text().contains("a PIN is 4 to 8 ASCII digits")),
                "the PIN's finding is among the texts read");
        assertNothingShown(secrets, reads);
        System.out.println("Problems: " + markerRules().size() + " findings on a package with malformed secrets, "
                + reads.size() + " texts read, none shows one of its " + secrets.all().size() + " secrets");
    }

    // ---- reading the workbench

    /** Every text of the workbench window: editor, views, status line. */
    private static List<WidgetTexts.Read> window() {
        return WidgetTexts.of(UIThread.syncExec(() -> PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell()));
    }

    /** The page tabs of the open profile editor, read from the window rather than assumed. */
    private static List<String> editorPages() {
        return UIThread.syncExec(() -> {
            List<String> pages = new ArrayList<>();
            collectTabs(PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell(), pages);
            return pages;
        });
    }

    private static void collectTabs(Control control, List<String> pages) {
        if (control instanceof CTabFolder folder
                && Arrays.stream(folder.getItems()).anyMatch(i -> i.getText().equals("Security"))) {
            Arrays.stream(folder.getItems()).map(CTabItem::getText).forEach(pages::add);
        } else if (control instanceof org.eclipse.swt.widgets.Composite composite) {
            for (Control child : composite.getChildren()) {
                collectTabs(child, pages);
            }
        }
    }

    /**
     * Selects every row of the elements holding a secret, one by one, and reads the Properties view each time: it
     * shows the selected component's value.
     */
    private List<WidgetTexts.Read> propertiesOfEveryRowHoldingASecret(IEditorPart editor, KnownSecrets secrets) {
        var properties = bot.viewByTitle("Properties").show();
        UIThread.syncExec(() -> {
            page().activate(editor);
        });
        bot.cTabItem("Elements").activate();
        Tree tree = bot.treeWithId("elements.tree").widget;
        Tree propertyTree = UIThread.syncExec(() -> {
            Control[] found = new Control[1];
            findPropertyTree(PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell(), tree, found);
            return (Tree) found[0];
        });
        List<TreeItem> rows = UIThread.syncExec(() -> {
            List<TreeItem> found = new ArrayList<>();
            for (TreeItem root : tree.getItems()) {
                int element = Integer.parseInt(root.getText().split(" ")[0].substring("value".length())) - 1;
                if (secrets.elementIndices().contains(element)) {
                    expandInto(tree, root, found);
                }
            }
            return found;
        });
        List<WidgetTexts.Read> reads = new ArrayList<>();
        Set<String> elementsShown = new LinkedHashSet<>();
        for (int r = 0; r < rows.size(); r++) {
            TreeItem row = rows.get(r);
            // Named by position: a row's own text could be the secret the assertion is about.
            String where = "Properties view for elements tree row " + (r + 1);
            UIThread.syncExec(() -> {
                tree.setSelection(row);
                Event event = new Event();
                event.item = row;
                tree.notifyListeners(SWT.Selection, event);
            });
            UIThread.waitForIdle(); // whatever the selection service queued runs before the view is read
            UIThread.syncExec(() -> {
                for (TreeItem property : propertyTree.getItems()) {
                    for (int c = 0; c < Math.max(1, propertyTree.getColumnCount()); c++) {
                        reads.add(new WidgetTexts.Read(where, property.getText(c)));
                    }
                    if (property.getText(0).equals("Element")) {
                        elementsShown.add(property.getText(1));
                    }
                }
            });
        }
        assertTrue(rows.size() >= secrets.all().size(), "rows selected: " + rows.size());
        assertEquals(secrets.elementIndices().size(), elementsShown.size(), "the Properties view followed the "
                + "selection through every element holding a secret: " + elementsShown);
        assertTrue(properties.getTitle().equals("Properties"));
        assertTrue(reads.stream().anyMatch(r -> r.text().equals(MASK)), "the Properties view showed a masked value");
        System.out.println("Properties view: read for " + rows.size() + " selected rows of " + elementsShown.size()
                + " elements holding secrets");
        return reads;
    }

    /** The tree of the Properties view: a tree with a "Value" column that is not the editor's. */
    private static void findPropertyTree(Control control, Tree editorTree, Control[] found) {
        if (control instanceof Tree tree && tree != editorTree
                && Arrays.stream(tree.getColumns()).anyMatch(c -> c.getText().equals("Value"))) {
            found[0] = tree;
        } else if (control instanceof org.eclipse.swt.widgets.Composite composite) {
            for (Control child : composite.getChildren()) {
                findPropertyTree(child, editorTree, found);
            }
        }
    }

    /** {@code item} and all below it, expanded as a person would (a lazy viewer creates children on expansion). */
    private static void expandInto(Tree tree, TreeItem item, List<TreeItem> out) {
        out.add(item);
        if (item.getItemCount() > 0 && !item.getExpanded()) {
            Event expand = new Event();
            expand.item = item;
            tree.notifyListeners(SWT.Expand, expand);
            item.setExpanded(true);
        }
        for (TreeItem child : item.getItems()) {
            expandInto(tree, child, out);
        }
    }

    private static int countMaskedTreeRows() {
        Tree tree = bot.treeWithId("elements.tree").widget;
        return UIThread.syncExec(() -> {
            int[] count = { 0 };
            for (TreeItem root : tree.getItems()) {
                countMasked(root, count);
            }
            return count[0];
        });
    }

    private static void countMasked(TreeItem item, int[] count) {
        if (item.getText().contains(MASK)) {
            count[0]++;
        }
        for (TreeItem child : item.getItems()) {
            countMasked(child, count);
        }
    }

    /** Ids of the Security page's value labels of keys and codes (their Reveal buttons add ".reveal"). */
    private static List<String> securityValueIds() {
        return bot.widgets(org.eclipse.swt.widgets.Label.class).stream()
                .map(l -> UIThread.syncExec(() -> (String) l.getData(io.ifpp.ui.Widgets.ID_KEY)))
                .filter(id -> id != null && id.startsWith("security.")).toList();
    }

    // ---- assertions

    private static Set<String> shown(KnownSecrets secrets, List<WidgetTexts.Read> reads) {
        Set<String> kinds = new LinkedHashSet<>();
        reads.forEach(r -> kinds.addAll(secrets.shownIn(r.text())));
        return kinds;
    }

    /** Fails naming the widget and the kind of secret, never the value (test reports are scanned too). */
    private static void assertNothingShown(KnownSecrets secrets, List<WidgetTexts.Read> reads) {
        List<String> findings = new ArrayList<>();
        for (WidgetTexts.Read read : reads) {
            for (String kind : secrets.shownIn(read.text())) {
                findings.add(kind + " in clear in " + read.where());
            }
        }
        assertEquals(List.of(), findings.stream().distinct().toList(), "secrets shown in clear (of " + reads.size() + " texts read)");
    }

    // ---- set-up

    private byte[] write(ProfilePackage profile) throws CoreException {
        IProject project = ResourcesPlugin.getWorkspace().getRoot().getProject("Secrets");
        if (!project.exists()) {
            project.create(null);
        }
        project.open(null);
        byte[] der = ProfileCodec.encode(profile);
        file = project.getFile("personalized-" + System.nanoTime() + ".der");
        file.create(new ByteArrayInputStream(der), true, null);
        return der;
    }

    private List<String> markerRules() {
        try {
            return Arrays.stream(file.findMarkers(IMarker.PROBLEM, true, IResource.DEPTH_ZERO))
                    .map(m -> m.getAttribute("rule", "")).toList();
        } catch (CoreException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        bytes[0] = (byte) 0xA5; // never a digit, so the code is malformed for certain
        return bytes;
    }

    private static IWorkbenchPage page() {
        return PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
    }

    private static IEditorPart open(IFile file) {
        return UIThread.syncExec(() -> {
            try {
                return IDE.openEditor(page(), file);
            } catch (PartInitException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
