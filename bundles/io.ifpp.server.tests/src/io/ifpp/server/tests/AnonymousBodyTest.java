package io.ifpp.server.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ifpp.server.internal.rest.Role;
import io.ifpp.trust.TlsServerKeys;

/**
 * From the security review: the API read a request's body (up to 16 MB) before it looked at the token. A request is
 * decided on its headers now: an anonymous one announcing 10 MB and sending a kilobyte is refused at once, its body
 * unread and its connection closed; the server keeps answering.
 */
class AnonymousBodyTest {

    @TempDir
    Path data;

    /** Sends the request head and the first bytes of a body it announces as much larger; returns what came back. */
    private static String halfSent(RestServerFixture rest, String headers) throws Exception {
        URI base = rest.uri("/");
        try (SSLSocket socket = (SSLSocket) TlsServerKeys.pinned(rest.tls.fingerprint()).getSocketFactory()
                .createSocket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(5_000); // a server that waits for the rest of the body never answers within this
            OutputStream out = socket.getOutputStream();
            out.write(("POST /batches HTTP/1.1\r\nHost: " + base.getHost() + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 10000000\r\n" + headers + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[1024]);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] chunk = new byte[4096];
            try {
                for (int n; (n = in.read(chunk)) > 0 && !answer.toString(StandardCharsets.US_ASCII).contains("}");) {
                    answer.write(chunk, 0, n);
                }
            } catch (IOException closed) {
                // The server may close before the whole answer is read: what came is enough.
            }
            return answer.toString(StandardCharsets.US_ASCII);
        }
    }

    @Test
    void anAnonymousRequestIsRefusedOnItsHeadersWithoutItsBodyBeingRead() throws Exception {
        try (RestServerFixture rest = new RestServerFixture(data)) {
            String anonymous = halfSent(rest, "");
            assertTrue(anonymous.startsWith("HTTP/1.1 401"), anonymous);
            assertTrue(anonymous.toLowerCase(java.util.Locale.ROOT).contains("connection: close"), anonymous);

            String wrongRole = halfSent(rest, "Authorization: Bearer " + rest.tokens.get(Role.AUDITOR) + "\r\n");
            assertTrue(wrongRole.startsWith("HTTP/1.1 403"), "a role refused on its headers too: " + wrongRole);

            assertEquals(200, rest.get(Role.OPERATOR, "/batches").statusCode(), "the server keeps answering");
        }
    }
}
