package io.ifpp.server.internal.rest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;

import io.ifpp.orchestration.audit.AuditLog;
import io.ifpp.orchestration.partners.ConnectorRegistry;
import io.ifpp.orchestration.pipeline.BatchStore;
import io.ifpp.orchestration.service.LocalBatchService;
import io.ifpp.orchestration.store.Database;
import io.ifpp.server.internal.batch.BatchRuns;
import io.ifpp.server.internal.batch.ServerEngines;

/** The REST API of the headless server, every resource on one {@link RestApi}; described by {@code /openapi.json}. */
public final class ApiRoutes {

    static final String OPENAPI = "openapi.json";

    private ApiRoutes() {
    }

    /**
     * @param engines where batch runs get their engine (the server's connectors and keys)
     * @param runs the server's background batch runs
     * @param connectors the ids of the installed connectors, for readiness reports
     * @param registry the partners installed now, whose callbacks the API serves while they are installed
     * @param clock what the API judges dates (designs' validity) and stamps records on
     */
    public static RestApi build(ApiTokens tokens, Path dataDirectory, Database database, ServerEngines engines,
            BatchRuns runs, DesignsResource.ConnectorIds connectors, ConnectorRegistry registry, Clock clock)
            throws IOException {
        RestApi api = new RestApi(tokens);
        byte[] openApi = openApi();
        api.read("GET", "/openapi.json", e -> new Reply.Bytes(200, "application/json; charset=utf-8", openApi));
        AuditLog log = new AuditLog(database, clock);
        DesignsResource designs = new DesignsResource(dataDirectory, connectors, clock, log);
        designs.register(api);
        BatchStore store = new BatchStore(database, clock);
        new BatchesResource(new LocalBatchService(store, engines, "server"), store, designs, runs,
                engines.studio()).register(api);
        new AuditResource(log).register(api);
        new DownloadProgressResource(log, registry::downloadProgressEndpoints).register(api);
        return api;
    }

    /** The OpenAPI 3.1 description kept beside this class; its test holds it to the routes. */
    public static byte[] openApi() throws IOException {
        try (InputStream in = ApiRoutes.class.getResourceAsStream(OPENAPI)) {
            if (in == null) {
                throw new IOException(OPENAPI + " is missing from the io.ifpp.server bundle");
            }
            return in.readAllBytes();
        }
    }
}
