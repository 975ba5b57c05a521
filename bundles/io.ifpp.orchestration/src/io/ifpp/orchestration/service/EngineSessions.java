package io.ifpp.orchestration.service;

import io.ifpp.orchestration.pipeline.BatchStore;
import io.ifpp.orchestration.pipeline.Engine;

/**
 * Where a {@link LocalBatchService} gets an engine for a batch: the process's connectors or simulated partners and
 * the orderer's signing keys, which only the product that runs the service knows.
 */
@FunctionalInterface
public interface EngineSessions {

    /** An engine for this batch; closing the session releases what its partners hold (servers, sockets). */
    Session open(BatchStore.BatchInfo batch) throws Exception;

    /** An engine and what it needs released after the run. */
    interface Session extends AutoCloseable {

        Engine engine();

        @Override
        void close();

        /** A session of an engine whose partners hold nothing to release. */
        static Session of(Engine engine) {
            return of(engine, () -> {
            });
        }

        /** A session of an engine, {@code release} run when it closes (the partners' servers, sockets). */
        static Session of(Engine engine, Runnable release) {
            return new Session() {
                @Override
                public Engine engine() {
                    return engine;
                }

                @Override
                public void close() {
                    release.run();
                }
            };
        }
    }
}
