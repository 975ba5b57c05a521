package io.ifpp.agreement.ui.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.CTabFolder;
import org.eclipse.swt.custom.CTabItem;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swtchart.Chart;
import org.eclipse.swtchart.IAxis;
import org.eclipse.swtchart.IBarSeries;
import org.eclipse.swtchart.ISeries;
import org.eclipse.ui.part.ViewPart;

import io.ifpp.agreement.AgreementBook;
import io.ifpp.agreement.AgreementValidator;
import io.ifpp.agreement.DesignFileException;
import io.ifpp.agreement.DesignFiles;
import io.ifpp.agreement.ProductPlan;
import io.ifpp.agreement.ProfileDesigns;
import io.ifpp.agreement.plan.PlanResult;
import io.ifpp.agreement.plan.Planner;
import io.ifpp.agreement.plan.PlanningInstance;
import io.ifpp.agreement.readiness.ReadinessReport;
import io.ifpp.core.Diagnostic;
import io.ifpp.ui.Widgets;
import io.ifpp.ui.WorkspacePaths;

/**
 * The SKU planner: runs the planner on a product plan and agreement files as a Job (progress, cancel), then shows
 * the chosen profiles with the reason for each, what every market uses, the coverage matrix, the cost against the
 * number of profiles, and the readiness verdict. Everything shown is computed by io.ifpp.agreement.
 */
public final class PlannerView extends ViewPart {

    public static final String ID = "io.ifpp.agreement.ui.plannerView";

    private Text planText;
    private Text agreementsText;
    private Button runButton;
    private Label summary;
    private Table profiles;
    private Table markets;
    private Table coverage;
    private Chart costChart;
    private Label verdict;
    private Text readiness;

    @Override
    public void createPartControl(Composite parent) {
        parent.setLayout(new GridLayout(3, false));
        new Label(parent, SWT.NONE).setText("Plan:");
        planText = Widgets.tag(new Text(parent, SWT.BORDER), "planner.plan");
        planText.setMessage("workspace path (/project/plans/x.yaml) or file path");
        planText.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        new Label(parent, SWT.NONE).setText("Agreements:");
        agreementsText = Widgets.tag(new Text(parent, SWT.BORDER), "planner.agreements");
        agreementsText.setMessage("agreement files or folders, separated by ';'");
        agreementsText.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        runButton = Widgets.tag(new Button(parent, SWT.PUSH), "planner.run");
        runButton.setText("Run Planner");
        runButton.addListener(SWT.Selection, e -> runPlanner());
        summary = Widgets.tag(new Label(parent, SWT.WRAP), "planner.summary");
        summary.setText("Choose a plan and its agreements, then Run Planner.");
        summary.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 3, 1));

        CTabFolder tabs = new CTabFolder(parent, SWT.BORDER | SWT.BOTTOM);
        tabs.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 3, 1));
        profiles = table(tabs, "Chosen profiles", "planner.profiles", "Agreement", "Size (KB)", "Profile fees",
                "Markets served", "Why");
        markets = table(tabs, "Markets", "planner.markets", "Market", "Devices", "Profile", "Service fees",
                "Fallbacks");
        coverage = table(tabs, "Coverage", "planner.coverage", "Market");
        CTabItem chartTab = new CTabItem(tabs, SWT.NONE);
        chartTab.setText("Cost by profiles");
        costChart = new Chart(tabs, SWT.NONE);
        costChart.getTitle().setText("Least total cost with at most k profiles");
        costChart.getAxisSet().getXAxis(0).getTitle().setText("profiles (k)");
        costChart.getAxisSet().getYAxis(0).getTitle().setText("total cost");
        chartTab.setControl(costChart);
        CTabItem readinessTab = new CTabItem(tabs, SWT.NONE);
        readinessTab.setText("Readiness");
        Composite readinessPage = new Composite(tabs, SWT.NONE);
        readinessPage.setLayout(new GridLayout());
        verdict = Widgets.tag(new Label(readinessPage, SWT.NONE), "planner.verdict");
        verdict.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        readiness = Widgets.tag(new Text(readinessPage, SWT.MULTI | SWT.READ_ONLY | SWT.WRAP | SWT.V_SCROLL),
                "planner.readiness");
        readiness.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        readinessTab.setControl(readinessPage);
        tabs.setSelection(0);
    }

    /** Fills the inputs; the view remembers nothing else. */
    public void setInputs(String plan, String agreements) {
        planText.setText(plan);
        agreementsText.setText(agreements);
    }

    private static Table table(CTabFolder tabs, String title, String id, String... columns) {
        CTabItem item = new CTabItem(tabs, SWT.NONE);
        item.setText(title);
        Table table = Widgets.tag(new Table(tabs, SWT.BORDER | SWT.FULL_SELECTION), id);
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        for (String column : columns) {
            new TableColumn(table, SWT.LEFT).setText(column);
        }
        item.setControl(table);
        return table;
    }

    private void runPlanner() {
        Path plan;
        List<Path> agreements = new ArrayList<>();
        try {
            if (planText.getText().isBlank()) {
                throw new IllegalArgumentException("Give the plan and the agreements (workspace or file paths).");
            }
            plan = WorkspacePaths.resolve(planText.getText());
            for (String part : agreementsText.getText().split(";")) {
                if (!part.isBlank()) {
                    agreements.add(WorkspacePaths.resolve(part));
                }
            }
        } catch (IllegalArgumentException e) {
            summary.setText(e.getMessage());
            return;
        }
        runButton.setEnabled(false);
        summary.setText("Planning...");
        Job job = Job.create("Planning " + plan.getFileName(), monitor -> {
            try {
                ProductPlan productPlan = DesignFiles.readPlan(plan);
                ProfileDesigns designs = ProfileDesigns.beside(agreements.get(0));
                AgreementBook book = designs.measured(DesignFiles.readAgreements(agreements));
                LocalDate today = LocalDate.now(); // the user's calendar day
                List<Diagnostic> errors = new AgreementValidator(today).errors(productPlan, book, designs);
                if (!errors.isEmpty()) {
                    show(() -> summary.setText(errors.size() + " error(s) in the plan or agreements; first: "
                            + errors.get(0)));
                    return Status.OK_STATUS;
                }
                PlanningInstance instance = PlanningInstance.of(productPlan, book);
                PlanResult result = new Planner().plan(instance, productPlan.name(),
                        new Planner.Options(Duration.ofSeconds(10), 0, true), monitor);
                // The workbench's embedded engine makes its batches with the simulated partners.
                ReadinessReport report = ReadinessReport.of(productPlan, book, result,
                        new ReadinessReport.Integrations(Set.of(), true), designs, today);
                show(() -> display(instance, result, report));
                return Status.OK_STATUS;
            } catch (DesignFileException e) {
                show(() -> summary.setText(e.getMessage()));
                return Status.OK_STATUS;
            } catch (OperationCanceledException e) {
                show(() -> summary.setText("Planning cancelled."));
                return Status.CANCEL_STATUS;
            } finally {
                show(() -> runButton.setEnabled(true));
            }
        });
        job.setUser(true);
        job.schedule();
    }

    private void show(Runnable update) {
        if (!summary.isDisposed()) {
            summary.getDisplay().asyncExec(() -> {
                if (!summary.isDisposed()) {
                    update.run();
                }
            });
        }
    }

    private void display(PlanningInstance instance, PlanResult result, ReadinessReport report) {
        PlanResult.Optimality optimality = result.optimality();
        summary.setText(String.format(Locale.ROOT, "%s: %s, %d profile(s), total %,.2f %s%s%s", result.plan(),
                optimality.status().equals("optimal") ? "optimal" : String.format(Locale.ROOT,
                        "best found, proven within %.2f %%", optimality.gap() * 100),
                result.profiles().size(), result.costs().total(), result.currency(),
                result.fullCover() ? "" : ", " + result.uncovered().size() + " market(s) UNCOVERED",
                result.excluded().isEmpty() ? "" : "; " + result.excluded().size() + " agreement(s) not eligible"));
        profiles.removeAll();
        for (PlanResult.ChosenProfile profile : result.profiles()) {
            row(profiles, profile.agreementId(), Integer.toString(profile.sizeKb()), money(profile.profileFees()),
                    String.join(", ", profile.marketsServed()), profile.reason());
        }
        markets.removeAll();
        for (PlanResult.MarketAssignment market : result.markets()) {
            row(markets, market.country(), String.format(Locale.ROOT, "%,d", market.quantity()), market.agreementId(),
                    money(market.serviceFees()), String.join(", ", market.fallbacks()));
        }
        Color red = markets.getDisplay().getSystemColor(SWT.COLOR_RED);
        for (PlanResult.UncoveredMarket market : result.uncovered()) {
            row(markets, market.country(), String.format(Locale.ROOT, "%,d", market.quantity()), "UNCOVERED", "",
                    market.reason()).setForeground(red);
        }
        fillCoverage(instance, result);
        fillChart(result);
        verdict.setText("Verdict: " + report.verdict());
        StringBuilder text = new StringBuilder();
        report.verdictReasons().forEach(r -> text.append("- ").append(r).append('\n'));
        for (ReadinessReport.Answer answer : report.answers()) {
            text.append('\n').append(answer.question()).append('\n').append(answer.answer()).append('\n');
            answer.evidence().forEach(e -> text.append("  ").append(e).append('\n'));
        }
        ReadinessReport.RiskComparison risk = report.risk();
        text.append(String.format(Locale.ROOT, "%nFirst connectivity: %,.0f failed first attaches in-factory against "
                + "%,.0f bootstrap-only; truck rolls %,.0f against %,.0f.%n%s", risk.inFactoryFailures(),
                risk.bootstrapFailures(), risk.inFactoryTruckRolls(), risk.bootstrapTruckRolls(), risk.basis()));
        readiness.setText(text.toString());
        pack(profiles);
        pack(markets);
        verdict.getParent().layout();
    }

    /** Markets by eligible agreements: dark green the profile used, light green a chosen fallback, grey not chosen. */
    private void fillCoverage(PlanningInstance instance, PlanResult result) {
        coverage.setRedraw(false);
        coverage.removeAll();
        for (TableColumn column : coverage.getColumns()) {
            if (column != coverage.getColumn(0)) {
                column.dispose();
            }
        }
        for (PlanningInstance.Candidate candidate : instance.candidates()) {
            new TableColumn(coverage, SWT.CENTER).setText(candidate.agreementId());
        }
        Set<String> chosen = Set.copyOf(result.profiles().stream().map(PlanResult.ChosenProfile::agreementId).toList());
        Color used = coverage.getDisplay().getSystemColor(SWT.COLOR_DARK_GREEN);
        Color fallback = coverage.getDisplay().getSystemColor(SWT.COLOR_GREEN);
        Color other = coverage.getDisplay().getSystemColor(SWT.COLOR_GRAY);
        Color white = coverage.getDisplay().getSystemColor(SWT.COLOR_WHITE);
        for (PlanningInstance.MarketOption market : instance.markets()) {
            TableItem item = new TableItem(coverage, SWT.NONE);
            item.setText(0, market.country());
            String usedId = result.markets().stream().filter(m -> m.country().equals(market.country()))
                    .map(PlanResult.MarketAssignment::agreementId).findFirst().orElse(null);
            for (int candidate : market.candidates()) {
                String id = instance.candidates().get(candidate).agreementId();
                boolean isUsed = id.equals(usedId);
                item.setText(candidate + 1, isUsed ? "used" : chosen.contains(id) ? "fallback" : "serves");
                item.setBackground(candidate + 1, isUsed ? used : chosen.contains(id) ? fallback : other);
                if (isUsed) {
                    item.setForeground(candidate + 1, white);
                }
            }
        }
        pack(coverage);
        coverage.setRedraw(true);
    }

    private void fillChart(PlanResult result) {
        for (ISeries<?> series : costChart.getSeriesSet().getSeries()) {
            costChart.getSeriesSet().deleteSeries(series.getId());
        }
        IBarSeries<?> bars = (IBarSeries<?>) costChart.getSeriesSet().createSeries(ISeries.SeriesType.BAR, "cost");
        bars.setYSeries(result.alternatives().stream().mapToDouble(PlanResult.Alternative::totalCost).toArray());
        IAxis x = costChart.getAxisSet().getXAxis(0);
        x.enableCategory(true);
        x.setCategorySeries(result.alternatives().stream()
                .map(a -> a.maxProfiles() + (a.uncoveredMarkets() > 0 ? " (" + a.uncoveredMarkets() + " uncov.)" : ""))
                .toArray(String[]::new));
        costChart.getLegend().setVisible(false);
        costChart.getAxisSet().adjustRange();
        costChart.redraw();
    }

    private static TableItem row(Table table, String... cells) {
        TableItem item = new TableItem(table, SWT.NONE);
        item.setText(cells);
        return item;
    }

    private static void pack(Table table) {
        for (TableColumn column : table.getColumns()) {
            column.pack();
        }
    }

    private static String money(double value) {
        return String.format(Locale.ROOT, "%,.2f", value);
    }

    @Override
    public void setFocus() {
        planText.setFocus();
    }
}
