package io.ifpp.server.internal.rest;

import java.io.OutputStream;

/** What a route answers: JSON, bytes of a given type, or a body written as it is produced (large outputs). */
public sealed interface Reply {

    int status();

    static Reply json(Object body) {
        return new Json(200, body);
    }

    static Reply json(int status, Object body) {
        return new Json(status, body);
    }

    record Json(int status, Object body) implements Reply {
    }

    record Bytes(int status, String contentType, byte[] body) implements Reply {
    }

    /** Written page by page to the response, so a million-device manifest never sits in memory. */
    record Streamed(int status, String contentType, Producer producer) implements Reply {
    }

    @FunctionalInterface
    interface Producer {
        void write(OutputStream out) throws Exception;
    }
}
