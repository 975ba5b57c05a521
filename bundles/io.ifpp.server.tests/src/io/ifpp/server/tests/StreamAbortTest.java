package io.ifpp.server.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ifpp.server.internal.rest.Reply;
import io.ifpp.server.internal.rest.Role;

/**
 * From the security review: a manifest, schedule or device page whose database failed between pages ended as a
 * well-formed 200 with devices missing. A streamed answer that breaks midway is aborted: the client sees it cut off.
 */
class StreamAbortTest {

    @TempDir
    Path data;

    @Test
    void aStreamedAnswerThatBreaksMidwayReachesTheClientAsAnAbortedOneNotAShortOne() throws Exception {
        try (RestServerFixture rest = new RestServerFixture(data)) {
            rest.api.read("GET", "/test/broken-stream", e -> new Reply.Streamed(200, "text/csv", out -> {
                for (int page = 0; page < 50; page++) {
                    out.write(("page " + page + " of devices\n").repeat(200).getBytes(StandardCharsets.US_ASCII));
                    out.flush(); // what a page of a long output does: the client has the first pages already
                }
                throw new java.sql.SQLException("terminating connection due to administrator command", "57P01");
            }));
            rest.api.read("GET", "/test/whole-stream", e -> new Reply.Streamed(200, "text/csv",
                    out -> out.write("one page\n".getBytes(StandardCharsets.US_ASCII))));

            IOException cut = assertThrows(IOException.class, () -> rest.get(Role.OPERATOR, "/test/broken-stream"));
            assertTrue(cut.getMessage() != null, "the client learns the answer did not end: " + cut);
            assertEquals("one page\n", rest.get(Role.OPERATOR, "/test/whole-stream").body(),
                    "a whole stream still ends normally, on the same server");
        }
    }
}
