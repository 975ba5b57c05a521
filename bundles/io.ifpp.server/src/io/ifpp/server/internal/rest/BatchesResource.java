package io.ifpp.server.internal.rest;

import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import io.ifpp.agreement.AgreementBook;
import io.ifpp.agreement.ProductPlan;
import io.ifpp.agreement.plan.PlanResult;
import io.ifpp.orchestration.output.ActivationSchedule;
import io.ifpp.orchestration.output.ShippingManifest;
import io.ifpp.orchestration.pipeline.BatchPlanning;
import io.ifpp.orchestration.pipeline.BatchSpec;
import io.ifpp.orchestration.pipeline.BatchStore;
import io.ifpp.orchestration.pipeline.KeptPackages;
import io.ifpp.orchestration.pipeline.Stage;
import io.ifpp.orchestration.service.BatchStatus;
import io.ifpp.orchestration.service.LocalBatchService;
import io.ifpp.server.internal.batch.BatchRuns;
import io.ifpp.trust.PartyKeyStore;

/**
 * {@code /batches} and {@code /devices}: batches made from a stored plan, run in this server's background, steered,
 * paged through, and their outputs streamed.
 */
public final class BatchesResource {

    private static final Set<Role> OPERATOR = EnumSet.of(Role.OPERATOR);
    private static final Set<Role> ARCHITECT = EnumSet.of(Role.ARCHITECT);

    /**
     * The body of {@code POST /batches}; only {@code plan} and {@code quantity} are required.
     *
     * @param plan the name of a plan stored under /plans
     */
    public record NewBatch(String plan, Integer quantity, String id, Boolean simulated, String vendor, String smdp,
            String eidPrefix, String serialPrefix, Integer activationLeadDays) {
    }

    private final PartyKeyStore.Party studio;
    private final LocalBatchService service;
    private final BatchStore store;
    private final DesignsResource designs;
    private final BatchRuns runs;

    /**
     * @param studio IFPP Studio's keys, which open the copies of orders the engine keeps (a device's packages are
     *        made from them)
     */
    public BatchesResource(LocalBatchService service, BatchStore store, DesignsResource designs, BatchRuns runs,
            PartyKeyStore.Party studio) {
        this.service = service;
        this.studio = studio;
        this.store = store;
        this.designs = designs;
        this.runs = runs;
    }

    public void register(RestApi api) {
        api.read("GET", "/batches", e -> {
            List<Map<String, Object>> batches = new ArrayList<>();
            for (BatchStatus status : service.batches()) {
                batches.add(withRun(status));
            }
            return Reply.json(batches);
        });
        api.route("POST", "/batches", OPERATOR, this::create);
        api.read("GET", "/batches/{id}", e -> Reply.json(withRun(service.status(e.path("id")))));
        api.route("POST", "/batches/{id}/run", OPERATOR, e -> start(e, false));
        api.route("POST", "/batches/{id}/resume", OPERATOR, e -> start(e, true));
        api.route("POST", "/batches/{id}/cancel", OPERATOR, e -> {
            if (runs.isRunning(e.path("id"))) {
                throw new ApiException(409, "batch " + e.path("id") + " is running in this server; cancel it when "
                        + "the run has stopped, or stop the server (the run stops between steps)");
            }
            long voided = service.as(e.caller().name()).cancel(e.path("id"));
            return Reply.json(Map.of("id", e.path("id"), "state", "CANCELLED", "voided", voided));
        });
        api.read("GET", "/batches/{id}/devices", this::devices);
        api.read("GET", "/batches/{id}/devices/{index}/history", e -> Reply.json(service.history(e.path("id"),
                index(e.path("index")))));
        api.read("GET", "/batches/{id}/mismatches", e -> {
            // Paged like the devices: a batch may hold one mismatch per device.
            String batchId = e.path("id");
            batch(batchId);
            long offset = e.queryLong("offset", 0, 0, Long.MAX_VALUE);
            int limit = (int) e.queryLong("limit", 100, 0, LocalBatchService.MAX_PAGE);
            Map<String, Object> page = new LinkedHashMap<>();
            page.put("total", store.mismatchCount(batchId));
            page.put("offset", offset);
            page.put("mismatches", store.mismatches(batchId, offset, limit));
            return Reply.json(page);
        });
        api.read("GET", "/batches/{id}/manifest", e -> output(e, ShippingManifest::writeCsv,
                ShippingManifest::writeJson));
        api.read("GET", "/batches/{id}/schedule", e -> output(e, ActivationSchedule::writeCsv,
                ActivationSchedule::writeJson));
        api.read("GET", "/devices/{key}", e -> Reply.json(service.device(e.path("key")).orElseThrow(
                () -> ApiException.notFound("no device with EID, ICCID or serial " + e.path("key")))));
        api.route("GET", "/devices/{key}/packages", ARCHITECT, this::packages);
    }

    /**
     * A device's packages with their keys and codes: the architect's alone, audited before they are made (a
     * hand-out that cannot be audited does not happen).
     */
    private Reply packages(Exchange exchange) throws Exception {
        String key = exchange.path("key");
        if (service.device(key).isEmpty()) {
            throw ApiException.notFound("no device with EID, ICCID or serial " + key);
        }
        KeptPackages.Export export;
        try {
            export = KeptPackages.export(store, key, studio, exchange.caller().name());
        } catch (KeptPackages.Refused e) {
            throw new ApiException(409, e.getMessage());
        } catch (java.sql.SQLException e) {
            throw new ApiException(503, "the packages of device " + key + " could not be audited, so they are not "
                    + "handed out; try again");
        }
        try {
            List<Map<String, Object>> packages = new ArrayList<>();
            for (KeptPackages.Package profile : export.packages()) {
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("agreement", profile.agreementId());
                fields.put("iccid", profile.iccid());
                fields.put("sha256", profile.sha256());
                fields.put("der", java.util.Base64.getEncoder().encodeToString(profile.der()));
                packages.add(fields);
            }
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("batch", export.batchId());
            answer.put("device", export.deviceIndex());
            answer.put("eid", export.eid());
            answer.put("serial", export.serial());
            answer.put("packages", packages);
            answer.put("eimRequest", export.eimRequest() == null ? null
                    : java.util.Base64.getEncoder().encodeToString(export.eimRequest()));
            return Reply.json(answer);
        } finally {
            export.destroy();
        }
    }

    private Map<String, Object> withRun(BatchStatus status) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", status.id());
        fields.put("plan", status.plan());
        fields.put("state", status.state());
        fields.put("quantity", status.quantity());
        fields.put("createdAt", status.createdAt().toString());
        fields.put("createdBy", status.createdBy());
        fields.put("stages", status.stages());
        fields.put("mismatches", status.mismatches());
        fields.put("simulated", status.simulated());
        fields.putAll(runs.describe(status.id()));
        return fields;
    }

    private Reply create(Exchange exchange) throws Exception {
        NewBatch request = exchange.json(NewBatch.class);
        if (request.plan() == null || request.plan().isBlank()) {
            throw ApiException.badRequest("plan", "is required: the name of a plan stored under /plans");
        }
        if (request.quantity() == null || request.quantity() < 1 || request.quantity() > 10_000_000) {
            throw ApiException.badRequest("quantity", "is required, 1 to 10,000,000 devices, found "
                    + request.quantity());
        }
        if (request.activationLeadDays() != null && (request.activationLeadDays() < 0
                || request.activationLeadDays() > 365)) {
            throw ApiException.badRequest("activationLeadDays", "0 to 365 days, found " + request.activationLeadDays());
        }
        if (request.eidPrefix() != null && !request.eidPrefix().matches("[0-9]{8}")) {
            throw ApiException.badRequest("eidPrefix", "the EUM's EID prefix is 8 digits, found '"
                    + request.eidPrefix() + "'");
        }
        String batchId = request.id() != null ? request.id() : newId();
        ProductPlan plan = designs.plan(request.plan());
        AgreementBook book = designs.agreements();
        PlanResult result = designs.solve(plan, book, exchange);
        BatchSpec spec;
        try {
            spec = BatchPlanning.specOf(result, plan, book, designs.profileDesigns(), new BatchPlanning.Choices(request.quantity(),
                    Boolean.TRUE.equals(request.simulated()), request.vendor(), request.smdp(), request.eidPrefix(),
                    request.serialPrefix() != null ? request.serialPrefix() : batchId,
                    request.activationLeadDays() != null ? request.activationLeadDays()
                            : BatchPlanning.DEFAULT_ACTIVATION_LEAD_DAYS));
        } catch (BatchPlanning.MissingChoice e) {
            throw ApiException.badRequest(e.setting(), e.getMessage());
        }
        if (store.batch(batchId).isPresent()) {
            throw new ApiException(409, "a batch " + batchId + " exists already");
        }
        store.create(batchId, spec, exchange.caller().name());
        Map<String, Object> created = new LinkedHashMap<>();
        created.put("id", batchId);
        created.put("simulated", spec.simulated());
        created.put("quantity", spec.quantity());
        created.put("profiles", spec.profiles().stream().map(BatchSpec.ProfileSpec::summary).toList());
        created.put("markets", spec.markets());
        return Reply.json(201, created);
    }

    private static String newId() {
        byte[] random = new byte[4];
        ThreadLocalRandom.current().nextBytes(random);
        return "b-" + HexFormat.of().formatHex(random);
    }

    private Reply start(Exchange exchange, boolean requeue) throws Exception {
        String batchId = exchange.path("id");
        BatchStore.BatchInfo batch = batch(batchId);
        if (!batch.state().equals("OPEN")) {
            throw new ApiException(409, "batch " + batchId + " is " + batch.state().toLowerCase(java.util.Locale.ROOT)
                    + "; only an open batch runs");
        }
        boolean started = runs.start(service.as(exchange.caller().name()), batchId, requeue);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", batchId);
        body.put("running", true);
        body.put("started", started);
        return Reply.json(202, body);
    }

    private Reply devices(Exchange exchange) throws Exception {
        List<Stage> stages = new ArrayList<>();
        for (String name : exchange.queryValues("stage")) {
            try {
                stages.add(Stage.valueOf(name));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("stage", "'" + name + "' is no stage; one of "
                        + List.of(Stage.values()));
            }
        }
        long offset = exchange.queryLong("offset", 0, 0, Long.MAX_VALUE);
        int limit = (int) exchange.queryLong("limit", 100, 0, LocalBatchService.MAX_PAGE);
        String batchId = exchange.path("id");
        // A page is one request of a table that may scroll a million devices: the stage counts are read only when the
        // total is a stage's, not the batch's quantity.
        long total;
        if (stages.isEmpty()) {
            total = batch(batchId).spec().quantity();
        } else {
            Map<Stage, Long> counts = store.counts(batchId);
            total = stages.stream().mapToLong(stage -> counts.getOrDefault(stage, 0L)).sum();
        }
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("total", total);
        page.put("offset", offset);
        page.put("devices", service.devices(batchId, stages, offset, limit));
        return Reply.json(page);
    }

    /** The batch, read without its counts (which a status would compute over all its devices); 404 if none. */
    private BatchStore.BatchInfo batch(String batchId) throws ApiException, java.sql.SQLException {
        return store.batch(batchId).orElseThrow(() -> ApiException.notFound("no batch " + batchId));
    }

    private static int index(String text) throws ApiException {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("index", "a device index is a whole number, found '" + text + "'");
        }
    }

    @FunctionalInterface
    private interface Output {
        long write(BatchStore store, String batchId, Writer out) throws Exception;
    }

    private Reply output(Exchange exchange, Output csv, Output json) throws Exception {
        String batchId = exchange.path("id");
        batch(batchId);
        String format = exchange.query("format", "json");
        if (!format.equals("json") && !format.equals("csv")) {
            throw ApiException.badRequest("format", "json or csv, found '" + format + "'");
        }
        Output producer = format.equals("csv") ? csv : json;
        return new Reply.Streamed(200, format.equals("csv") ? "text/csv; charset=utf-8"
                : "application/json; charset=utf-8", out -> {
                    Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
                    producer.write(store, batchId, writer);
                    writer.flush();
                });
    }
}
