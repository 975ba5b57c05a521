package io.ifpp.server.internal.rest;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.ifpp.core.AtomicFiles;

/**
 * The REST API's bearer tokens, in {@code api-tokens.json} of the data directory: a name, a role and the SHA-256 of
 * the token, never the token itself (it is shown once, when made). A running server sees tokens made or revoked by
 * {@code ifpp token} from the file's modification time, without a restart.
 */
public final class ApiTokens {

    /** A token as stored: its hash only. */
    public record StoredToken(String name, String role, String sha256, String createdAt) {
    }

    /** Who presented a valid token. */
    public record Caller(String name, Role role) {
    }

    /** A token just made: the only time its text exists outside the client that keeps it. */
    public record NewToken(String name, Role role, String token) {
        @Override
        public String toString() {
            return "NewToken[" + name + ", " + role.id() + "]";
        }
    }

    public static final String FILE_NAME = "api-tokens.json";
    static final String PREFIX = "ifpp_";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SecureRandom RANDOM = new SecureRandom();

    private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private final Path file;
    private final Clock clock;
    private Object loadedAt;
    private List<StoredToken> tokens = List.of();

    public ApiTokens(Path dataDirectory, Clock clock) {
        this.file = dataDirectory.resolve(FILE_NAME);
        this.clock = clock;
    }

    /** Makes a token for {@code role} under a new {@code name} (letters, digits, '.', '_', '-'). */
    public synchronized NewToken create(String name, Role role) throws IOException {
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw new IllegalArgumentException("a token name is 1 to 64 letters, digits, '.', '_' or '-', found '"
                    + name + "'");
        }
        return underLock(() -> {
            List<StoredToken> current = new ArrayList<>(reload());
            if (current.stream().anyMatch(t -> t.name().equals(name))) {
                throw new IllegalArgumentException("a token named '" + name + "' exists; revoke it first or choose "
                        + "another name");
            }
            byte[] secret = new byte[32];
            RANDOM.nextBytes(secret);
            String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
            current.add(new StoredToken(name, role.id(), sha256(token), clock.instant().toString()));
            save(current);
            return new NewToken(name, role, token);
        });
    }

    /** Removes the token named {@code name}; false when there is none. */
    public synchronized boolean revoke(String name) throws IOException {
        return underLock(() -> {
            List<StoredToken> current = new ArrayList<>(reload());
            boolean removed = current.removeIf(t -> t.name().equals(name));
            if (removed) {
                save(current);
            }
            return removed;
        });
    }

    private interface Change<T> {
        T apply() throws IOException;
    }

    /**
     * Runs a read-modify-write of the file with the other writers kept out: other processes (ifpp token create in a
     * shell while a server revokes) by a lock on a file beside it, other instances of this process by a lock per
     * file, since the JVM refuses a second lock of one file. Without it a revoked token could come back.
     */
    private <T> T underLock(Change<T> change) throws IOException {
        Path lockFile = file.resolveSibling(FILE_NAME + ".lock");
        ReentrantLock inProcess = IN_PROCESS.computeIfAbsent(lockFile.toAbsolutePath().normalize(),
                path -> new ReentrantLock());
        inProcess.lock();
        Files.createDirectories(lockFile.toAbsolutePath().getParent()); // a new data directory has no folder yet
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock held = channel.lock()) {
            loadedAt = null; // another writer may have replaced the file within the same tick
            return change.apply();
        } finally {
            inProcess.unlock();
        }
    }

    public synchronized List<StoredToken> list() throws IOException {
        return reload();
    }

    /** The caller this token belongs to, if it is one of ours. */
    public synchronized Optional<Caller> authenticate(String token) throws IOException {
        if (token == null || !token.startsWith(PREFIX)) {
            return Optional.empty();
        }
        byte[] presented = sha256(token).getBytes(StandardCharsets.US_ASCII);
        for (StoredToken stored : reload()) {
            if (MessageDigest.isEqual(presented, stored.sha256().getBytes(StandardCharsets.US_ASCII))) {
                return Optional.of(new Caller(stored.name(), Role.of(stored.role())));
            }
        }
        return Optional.empty();
    }

    private List<StoredToken> reload() throws IOException {
        if (!Files.exists(file)) {
            loadedAt = null;
            tokens = List.of();
            return tokens;
        }
        Object version = version();
        if (!version.equals(loadedAt)) {
            try {
                tokens = List.copyOf(JSON.readValue(file.toFile(), new TypeReference<List<StoredToken>>() {
                }));
            } catch (IOException e) {
                throw new IOException(file + ": the token file cannot be read (" + e.getMessage() + ")", e);
            }
            loadedAt = version;
        }
        return tokens;
    }

    /** Changes with every write: files are replaced by a rename, so the file key (inode) changes even within a tick. */
    private Object version() throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        return List.of(attributes.lastModifiedTime(), String.valueOf(attributes.fileKey()));
    }

    private void save(List<StoredToken> updated) throws IOException {
        AtomicFiles.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(updated));
        tokens = List.copyOf(updated);
        loadedAt = version();
    }

    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
