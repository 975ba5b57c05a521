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

    /** {@code contentType} may be null for an empty body (204 No Content). */
    record Bytes(int status, String contentType, byte[] body) implements Reply {
    }

    /** A reply with response headers of its own (an ES2+ answer's X-Admin-Protocol). */
    record Headed(Reply reply, java.util.Map<String, String> headers) implements Reply {
        @Override
        public int status() {
            return reply.status();
        }
    }

    /** Written page by page to the response, so a million-device manifest never sits in memory. */
    record Streamed(int status, String contentType, Producer producer) implements Reply {
    }

    @FunctionalInterface
    interface Producer {
        void write(OutputStream out) throws Exception;
    }
}
