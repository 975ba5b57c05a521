package io.ifpp.server.internal.batch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import io.ifpp.connector.api.ConnectorException;
import io.ifpp.connector.api.ConnectorException.Reason;
import io.ifpp.trust.TlsServerKeys;

/**
 * The CI and EUM under which a vendor's eUICC certificates are checked: {@code <data>/trust/<vendor>/ci.pem} and
 * {@code eum.pem}, the CI only when {@value #TRUSTED_CIS} lists its SHA-256 fingerprint. A file dropped into a data
 * directory does not make a root trusted: the list says which CIs an operator chose (GSMA's, or a test CI).
 */
public final class VendorTrust {

    /** One SHA-256 fingerprint a line (hex, colons allowed), {@code #} starts a comment; in {@code <data>/trust/}. */
    public static final String TRUSTED_CIS = "trusted-cis";

    private VendorTrust() {
    }

    public static List<byte[]> eumChain(Path dataDirectory, String vendorId) throws ConnectorException {
        Path trust = dataDirectory.resolve("trust");
        Path folder = trust.resolve(vendorId);
        List<byte[]> chain = new ArrayList<>();
        for (String file : List.of("ci.pem", "eum.pem")) {
            Path path = folder.resolve(file);
            try (var in = Files.newInputStream(path)) {
                chain.add(((X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in))
                        .getEncoded());
            } catch (IOException | CertificateException e) {
                throw new ConnectorException(Reason.UNAVAILABLE, "the EUM chain of vendor " + vendorId
                        + " is needed to verify its eUICC certificates: " + path + " cannot be read ("
                        + e.getMessage() + ")", e);
            }
        }
        String fingerprint = TlsServerKeys.fingerprint(chain.get(0));
        Set<String> trusted = trustedCis(trust.resolve(TRUSTED_CIS));
        if (!trusted.contains(fingerprint.replace(":", ""))) {
            throw new ConnectorException(Reason.UNAVAILABLE, "the CI of vendor " + vendorId + " (" + folder.resolve(
                    "ci.pem") + ", SHA-256 " + fingerprint + ") is not in " + trust.resolve(TRUSTED_CIS)
                    + ": add its fingerprint there if this CI is one you trust");
        }
        return chain;
    }

    private static Set<String> trustedCis(Path list) throws ConnectorException {
        if (!Files.exists(list)) {
            return Set.of();
        }
        try {
            return Files.readAllLines(list, StandardCharsets.UTF_8).stream()
                    .map(line -> line.replaceFirst("#.*", "").replace(":", "").strip().toUpperCase(Locale.ROOT))
                    .filter(line -> !line.isEmpty()).collect(Collectors.toSet());
        } catch (IOException e) {
            throw new ConnectorException(Reason.UNAVAILABLE, "the list of trusted CIs " + list + " cannot be read ("
                    + e.getMessage() + ")", e);
        }
    }
}
