package io.ifpp.server.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ifpp.server.internal.rest.ApiTokens;
import io.ifpp.server.internal.rest.Role;

/** The token file as several writers share it: the server, and 'ifpp token' in a shell, at the same time. */
class ApiTokensTest {

    @TempDir
    Path data;

    @Test
    void theFirstTokenOfANewDataDirectoryMakesItsFolder() throws Exception {
        ApiTokens tokens = new ApiTokens(data.resolve("new/data"), Clock.systemUTC());
        ApiTokens.NewToken token = tokens.create("first", Role.ARCHITECT);
        assertTrue(tokens.authenticate(token.token()).isPresent());
    }

    /**
     * From the security review: a create in another writer, reading the file before a revoke and writing after it,
     * brought the revoked token back. Two instances (as two processes have) create and revoke at once.
     */
    @Test
    void concurrentCreatesNeverBringBackARevokedToken() throws Exception {
        ApiTokens server = new ApiTokens(data, Clock.systemUTC());
        ApiTokens shell = new ApiTokens(data, Clock.systemUTC());
        int count = 60;
        List<ApiTokens.NewToken> revoked = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            revoked.add(server.create("old-" + i, Role.OPERATOR));
        }
        ExecutorService writers = Executors.newFixedThreadPool(2);
        try {
            Future<?> creating = writers.submit(() -> {
                for (int i = 0; i < count; i++) {
                    shell.create("new-" + i, Role.AUDITOR);
                }
                return null;
            });
            Future<?> revoking = writers.submit(() -> {
                for (int i = 0; i < count; i++) {
                    assertTrue(server.revoke("old-" + i));
                }
                return null;
            });
            creating.get();
            revoking.get();
        } finally {
            writers.shutdownNow();
        }
        Set<String> names = new ApiTokens(data, Clock.systemUTC()).list().stream().map(ApiTokens.StoredToken::name)
                .collect(Collectors.toSet());
        assertEquals(count, names.size(), names.toString());
        assertTrue(names.stream().allMatch(name -> name.startsWith("new-")), "no revoked token came back: " + names);
        for (ApiTokens.NewToken token : revoked) {
            assertTrue(shell.authenticate(token.token()).isEmpty(), token.name() + " still authenticates");
        }
    }
}
