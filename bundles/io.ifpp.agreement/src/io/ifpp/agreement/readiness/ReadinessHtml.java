package io.ifpp.agreement.readiness;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.ifpp.agreement.plan.PlanResult;

/** A self-contained HTML page of the readiness report and the plan, with its charts drawn as inline SVG. */
public final class ReadinessHtml {

    private ReadinessHtml() {
    }

    public static String render(ReadinessReport report, PlanResult plan) {
        StringBuilder html = new StringBuilder(16_384);
        html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>IFPP readiness: ")
                .append(escape(report.plan())).append("</title><style>body{font-family:sans-serif;max-width:60em;margin:2em auto}"
                        + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px;text-align:left}"
                        + ".verdict{font-size:1.4em;font-weight:bold}</style></head><body>");
        html.append("<h1>IFPP readiness: ").append(escape(report.plan())).append("</h1>");
        html.append("<p class=\"verdict\">Verdict: ").append(escape(report.verdict())).append("</p><ul>");
        report.verdictReasons().forEach(r -> html.append("<li>").append(escape(r)).append("</li>"));
        html.append("</ul>");
        for (ReadinessReport.Answer answer : report.answers()) {
            html.append("<h2>").append(escape(answer.question())).append("</h2><p>").append(escape(answer.answer()))
                    .append("</p><ul>");
            answer.evidence().forEach(e -> html.append("<li>").append(escape(e)).append("</li>"));
            html.append("</ul>");
        }
        if (!report.openPoints().isEmpty()) {
            html.append("<h2>Open points</h2><ul>");
            report.openPoints().forEach(p -> html.append("<li>").append(escape(p)).append("</li>"));
            html.append("</ul>");
        }
        html.append("<h2>Plan</h2><p>").append(escape(plan.optimality().status())).append(String.format(Locale.ROOT,
                ", total %,.2f %s (profile fees %,.2f, service fees %,.2f), proven gap %.2f %%</p>",
                plan.costs().total(), plan.currency(), plan.costs().profileFees(), plan.costs().serviceFees(),
                plan.optimality().gap() * 100));
        html.append("<table><tr><th>Profile</th><th>Markets served</th><th>Why</th></tr>");
        for (PlanResult.ChosenProfile profile : plan.profiles()) {
            html.append("<tr><td>").append(escape(profile.agreementId())).append("</td><td>")
                    .append(escape(String.join(", ", profile.marketsServed()))).append("</td><td>")
                    .append(escape(profile.reason())).append("</td></tr>");
        }
        html.append("</table>");
        Map<String, Double> costByCount = new LinkedHashMap<>();
        for (PlanResult.Alternative alternative : plan.alternatives()) {
            costByCount.put(alternative.maxProfiles() + " profile(s)" + (alternative.uncoveredMarkets() > 0
                    ? " (" + alternative.uncoveredMarkets() + " uncovered)" : ""), alternative.totalCost());
        }
        html.append("<h2>Cost against the number of profiles</h2>").append(bars(costByCount, plan.currency()));
        ReadinessReport.RiskComparison risk = report.risk();
        html.append("<h2>First connectivity: in-factory against bootstrap-only</h2><p>").append(escape(risk.basis()))
                .append("</p>");
        Map<String, Double> rolls = new LinkedHashMap<>();
        rolls.put("in-factory: truck rolls", risk.inFactoryTruckRolls());
        rolls.put("bootstrap-only: truck rolls", risk.bootstrapTruckRolls());
        html.append(bars(rolls, "visits"));
        html.append(String.format(Locale.ROOT, "<p>Expected first-attach failures %,.0f in-factory against %,.0f "
                + "bootstrap-only; truck-roll cost %,.0f against %,.0f %s.</p>", risk.inFactoryFailures(),
                risk.bootstrapFailures(), risk.inFactoryTruckRollCost(), risk.bootstrapTruckRollCost(), risk.currency()));
        html.append("<table><tr><th>Market</th><th>Environment</th><th>Devices</th><th>Networks</th>"
                + "<th>Failures (in-factory)</th><th>Failures (bootstrap)</th></tr>");
        for (ReadinessReport.MarketRisk market : risk.markets()) {
            html.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%s</td><td>%,.0f</td><td>%d</td><td>%,.1f</td>"
                    + "<td>%,.1f</td></tr>", escape(market.country()), escape(market.environment().label()),
                    market.devices(), market.networks(), market.inFactoryFailures(), market.bootstrapFailures()));
        }
        html.append("</table></body></html>\n");
        return html.toString();
    }

    /** A horizontal bar chart as SVG, bars scaled to the largest value. */
    static String bars(Map<String, Double> values, String unit) {
        double max = values.values().stream().mapToDouble(Double::doubleValue).max().orElse(1);
        int rowHeight = 22;
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"720\" height=\"%d\" role=\"img\">",
                rowHeight * values.size() + 4));
        int row = 0;
        for (Map.Entry<String, Double> entry : values.entrySet()) {
            double width = max <= 0 ? 0 : 380 * entry.getValue() / max;
            int y = row++ * rowHeight + 2;
            svg.append(String.format(Locale.ROOT, "<text x=\"0\" y=\"%d\" font-size=\"12\">%s</text>"
                    + "<rect x=\"220\" y=\"%d\" width=\"%.1f\" height=\"16\" fill=\"#3b7dd8\"/>"
                    + "<text x=\"%.1f\" y=\"%d\" font-size=\"12\">%,.0f %s</text>", y + 13, escape(entry.getKey()), y,
                    width, 226 + width, y + 13, entry.getValue(), escape(unit)));
        }
        return svg.append("</svg>").toString();
    }

    static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
