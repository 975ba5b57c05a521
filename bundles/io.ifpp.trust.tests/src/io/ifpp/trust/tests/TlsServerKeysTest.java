package io.ifpp.trust.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ifpp.trust.GsmaRole;
import io.ifpp.trust.TestPki;
import io.ifpp.trust.TlsServerKeys;

/** The server's TLS identity as the calendar moves: kept while valid, renewed when ours expires, refused when not ours. */
class TlsServerKeysTest {

    private static final char[] PASSWORD = "tls-test".toCharArray();
    private static final Instant MADE = Instant.parse("2026-11-24T12:00:00Z");

    @TempDir
    Path folder;

    private static Clock at(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    @Test
    void aSelfSignedCertificateIsKeptWhileValidAndRenewedOnceExpired() throws Exception {
        Path file = folder.resolve("server-tls.p12");
        TlsServerKeys made = TlsServerKeys.loadOrCreate(file, PASSWORD, List.of("localhost"), at(MADE));
        assertTrue(made.renewed().isEmpty());

        TlsServerKeys year = TlsServerKeys.loadOrCreate(file, PASSWORD, List.of("localhost"),
                at(MADE.plus(Duration.ofDays(365))));
        assertEquals(made.fingerprint(), year.fingerprint(), "a valid certificate is kept: clients pinned it");
        assertTrue(year.renewed().isEmpty());

        Instant threeYears = MADE.plus(Duration.ofDays(3 * 365));
        TlsServerKeys renewed = TlsServerKeys.loadOrCreate(file, PASSWORD, List.of("localhost"), at(threeYears));
        assertNotEquals(made.fingerprint(), renewed.fingerprint());
        assertTrue(renewed.renewed().orElseThrow().contains("expired on " + made.certificate().getNotAfter().toInstant()),
                renewed.renewed().orElseThrow());
        assertTrue(renewed.certificate().getNotAfter().toInstant().isAfter(threeYears));
        assertEquals(renewed.fingerprint(), TlsServerKeys.loadOrCreate(file, PASSWORD, List.of("localhost"),
                at(threeYears)).fingerprint(), "the renewed certificate is what the file holds now");
    }

    @Test
    void anOperatorsOwnExpiredCertificateIsRefusedWithItsDateNotReplaced() throws Exception {
        TestPki pki = TestPki.create("secp256r1", MADE, MADE.plus(Duration.ofDays(30)));
        TestPki.Issued own = pki.smdp(GsmaRole.DP_TLS, "server.example");
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, PASSWORD);
        store.setKeyEntry(TlsServerKeys.ALIAS, own.keys().getPrivate(), PASSWORD, new Certificate[] {
                CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(own.der())) });
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        store.store(bytes, PASSWORD);
        Path file = Files.write(folder.resolve("own.p12"), bytes.toByteArray());

        GeneralSecurityException expired = assertThrows(GeneralSecurityException.class, () -> TlsServerKeys
                .loadOrCreate(file, PASSWORD, List.of("localhost"), at(MADE.plus(Duration.ofDays(60)))));
        assertTrue(expired.getMessage().contains("expired on " + MADE.plus(Duration.ofDays(30))), expired.getMessage());
        assertTrue(expired.getMessage().contains("server.example"), expired.getMessage());
        assertEquals(bytes.size(), Files.size(file), "the operator's key store is left as it was");
    }
}
