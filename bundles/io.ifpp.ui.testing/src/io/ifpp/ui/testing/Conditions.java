package io.ifpp.ui.testing;

import java.util.function.BooleanSupplier;

/** Ready-made conditions, as SWTBot's {@code Conditions}. */
public final class Conditions {

    private Conditions() {
    }

    /** A condition from a check and the sentence shown when it never holds. */
    public static ICondition that(String expectation, BooleanSupplier check) {
        return new ICondition() {
            @Override
            public boolean test() {
                return check.getAsBoolean();
            }

            @Override
            public String getFailureMessage() {
                return expectation;
            }
        };
    }

    public static ICondition shellIsActive(String title) {
        return that("a shell titled '" + title + "' to be active", () -> UIThread.syncExec(() -> {
            var active = UIThread.display().getActiveShell();
            return active != null && title.equals(active.getText());
        }));
    }

    public static ICondition shellCloses(BotShell shell) {
        return that("the shell '" + shell.getText() + "' to close", () -> !shell.isOpen());
    }

    public static ICondition treeHasItem(BotTree tree, String... path) {
        return that("the tree to show " + String.join(" > ", path), () -> tree.hasItem(path));
    }
}
