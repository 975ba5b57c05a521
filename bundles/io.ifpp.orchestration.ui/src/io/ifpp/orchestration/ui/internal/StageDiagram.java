package io.ifpp.orchestration.ui.internal;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

import io.ifpp.orchestration.pipeline.Stage;
import io.ifpp.orchestration.service.BatchStatus;
import io.ifpp.ui.Widgets;

/**
 * The pipeline as boxes: the main path from PLANNED to ACTIVATION_SCHEDULED on one row, the failure stages (RETRY,
 * REPERSONALIZE, CONTENT_MISMATCH, VOID) below, each with its device count. Pressing a stage picks it as the device table's filter;
 * pressing it again (or "All stages") shows every stage.
 */
final class StageDiagram {

    /** Data key of a stage box's widgets: the stage's name, for tests and tools. */
    static final String STAGE_KEY = "ifpp.stage";
    private static final Stage[] MAIN_PATH = { Stage.PLANNED, Stage.PROFILES_RESERVED, Stage.ORDER_SENT,
            Stage.REPORT_RECEIVED, Stage.RECONCILED, Stage.BOUND, Stage.SHIPPED, Stage.ACTIVATION_SCHEDULED };
    private static final Stage[] FAILURES = { Stage.RETRY, Stage.REPERSONALIZE, Stage.CONTENT_MISMATCH, Stage.VOID };

    private final Composite control;
    private final Map<Stage, Button> buttons = new EnumMap<>(Stage.class);
    private final Map<Stage, Label> counts = new EnumMap<>(Stage.class);
    private final Button allStages;
    private final Consumer<Stage> onFilter;
    private Stage filter;

    /** @param onFilter told the stage picked, or null for all stages */
    StageDiagram(Composite parent, Consumer<Stage> onFilter) {
        this.onFilter = onFilter;
        control = Widgets.tag(new Composite(parent, SWT.NONE), "orchestration.stages");
        control.setLayout(new GridLayout(MAIN_PATH.length * 2 - 1, false));
        for (int i = 0; i < MAIN_PATH.length; i++) {
            if (i > 0) {
                Label arrow = new Label(control, SWT.NONE);
                arrow.setText("\u2192");
            }
            box(MAIN_PATH[i]);
        }
        Composite failures = new Composite(control, SWT.NONE);
        failures.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, MAIN_PATH.length * 2 - 1, 1));
        failures.setLayout(new GridLayout(FAILURES.length + 2, false));
        Label failed = new Label(failures, SWT.NONE);
        failed.setText("Failures:");
        for (Stage stage : FAILURES) {
            box(failures, stage);
        }
        allStages = Widgets.tag(new Button(failures, SWT.PUSH), "orchestration.stage.all");
        allStages.setText("All stages");
        allStages.addListener(SWT.Selection, e -> pick(null));
    }

    Composite control() {
        return control;
    }

    private void box(Stage stage) {
        box(control, stage);
    }

    private void box(Composite parent, Stage stage) {
        Composite box = new Composite(parent, SWT.BORDER);
        box.setLayout(new GridLayout(1, false));
        box.setData(STAGE_KEY, stage.name());
        Button button = Widgets.tag(new Button(box, SWT.TOGGLE), "orchestration.stage." + stage.name());
        button.setText(title(stage));
        button.setToolTipText(stage.name() + ": show only the devices in this stage");
        button.setData(STAGE_KEY, stage.name());
        button.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        button.addListener(SWT.Selection, e -> pick(button.getSelection() ? stage : null));
        Label count = Widgets.tag(new Label(box, SWT.CENTER), "orchestration.count." + stage.name());
        count.setData(STAGE_KEY, stage.name());
        count.setText("0");
        count.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        buttons.put(stage, button);
        counts.put(stage, count);
    }

    /** "PROFILES_RESERVED" as people read it: "Profiles reserved". */
    static String title(Stage stage) {
        String words = stage.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private void pick(Stage stage) {
        filter = stage;
        buttons.forEach((s, b) -> b.setSelection(s == stage));
        onFilter.accept(stage);
    }

    /** Clears the filter without telling (a new batch was chosen). */
    void reset() {
        filter = null;
        buttons.values().forEach(b -> b.setSelection(false));
    }

    Stage filter() {
        return filter;
    }

    /** Shows the batch's counts; stages that hold devices stand out. */
    void show(BatchStatus status) {
        Color busy = control.getDisplay().getSystemColor(SWT.COLOR_DARK_GREEN);
        Color failing = control.getDisplay().getSystemColor(SWT.COLOR_DARK_RED);
        Color idle = control.getDisplay().getSystemColor(SWT.COLOR_WIDGET_FOREGROUND);
        counts.forEach((stage, label) -> {
            long count = status == null ? 0 : status.count(stage);
            label.setText(String.format(Locale.ROOT, "%,d", count));
            boolean failure = java.util.Arrays.asList(FAILURES).contains(stage);
            label.setForeground(count == 0 ? idle : failure ? failing : busy);
        });
        control.layout(true, true);
    }
}
