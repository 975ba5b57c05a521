package io.ifpp.server.internal.cli.agreement;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import io.ifpp.agreement.AgreementBook;
import io.ifpp.agreement.DesignFiles;
import io.ifpp.agreement.ProductPlan;
import io.ifpp.agreement.plan.PlanResult;
import io.ifpp.agreement.readiness.ReadinessHtml;
import io.ifpp.agreement.readiness.ReadinessReport;
import io.ifpp.core.AtomicFiles;
import io.ifpp.orchestration.partners.ConnectorRegistry;
import io.ifpp.server.internal.Services;
import io.ifpp.server.internal.cli.NeedsClock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ifpp readiness}: the IFPP readiness and first-connectivity report of a plan. */
@Command(name = "readiness", description = "Is the plan in-factory provisioning or a bootstrap in disguise? "
        + "The three questions with their evidence, and the first-connectivity risk against bootstrap-only.")
public final class ReadinessCommand extends NeedsClock.Command implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    PlanInputs inputs = new PlanInputs();

    @Option(names = "--json", description = "Print the report as JSON (carries the verdict).")
    boolean json;

    @Option(names = "--html", paramLabel = "OUT", description = "Also write the report with its charts as HTML.")
    Path html;

    @Override
    public Integer call() throws Exception {
        ProductPlan plan = inputs.readPlan();
        AgreementBook book = inputs.readAgreements();
        LocalDate today = LocalDate.now(clock);
        PlanResult result = inputs.run(plan, book, today);
        ReadinessReport report = ReadinessReport.of(plan, book, result,
                ReadinessReport.Integrations.of(installedConnectors()), inputs.designs(), today);
        PrintWriter out = spec.commandLine().getOut();
        if (html != null) {
            AtomicFiles.write(html, ReadinessHtml.render(report, result).getBytes(StandardCharsets.UTF_8));
        }
        if (json) {
            out.println(DesignFiles.toJson(report));
        } else {
            print(report, out);
            if (html != null) {
                out.println("HTML report: " + html);
            }
        }
        return report.verdict().equals(ReadinessReport.IN_FACTORY) ? 0 : 1;
    }

    private static void print(ReadinessReport report, PrintWriter out) {
        out.println(report.plan() + ": " + report.verdict().toUpperCase(Locale.ROOT));
        report.verdictReasons().forEach(r -> out.println("  - " + r));
        for (ReadinessReport.Answer answer : report.answers()) {
            out.println(answer.question());
            out.println("  " + answer.answer());
            answer.evidence().forEach(e -> out.println("    " + e));
        }
        report.openPoints().forEach(p -> out.println("Open point: " + p));
        ReadinessReport.RiskComparison risk = report.risk();
        out.printf(Locale.ROOT, "First connectivity: %,.0f failed first attaches in-factory against %,.0f "
                + "bootstrap-only; truck rolls %,.0f against %,.0f (%,.0f against %,.0f %s).%n", risk.inFactoryFailures(),
                risk.bootstrapFailures(), risk.inFactoryTruckRolls(), risk.bootstrapTruckRolls(),
                risk.inFactoryTruckRollCost(), risk.bootstrapTruckRollCost(), risk.currency());
        out.println(risk.basis());
    }

    /** Ids of the connectors available now (installed, configured and running). */
    public static Set<String> installedConnectors() throws InterruptedException {
        return Services.await(ConnectorRegistry.class, Duration.ofSeconds(10)).available().stream()
                .map(ConnectorRegistry.Available::id).collect(Collectors.toSet());
    }
}
