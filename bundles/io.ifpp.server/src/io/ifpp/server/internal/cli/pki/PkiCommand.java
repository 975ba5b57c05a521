package io.ifpp.server.internal.cli.pki;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Base64;

import picocli.CommandLine.Command;

/** {@code ifpp pki ...}: GSMA certificate chains, thin over {@code io.ifpp.trust}. */
@Command(name = "pki", description = "Verify GSMA RSP certificate chains; issue a test PKI.",
        subcommands = { VerifyCommand.class, IssueTestPkiCommand.class })
public final class PkiCommand {

    /** A certificate file as DER, whether it holds DER or PEM. */
    static byte[] certificate(Path file) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IOException(file + ": no such file");
        }
        String text = new String(bytes, StandardCharsets.US_ASCII);
        int begin = text.indexOf("-----BEGIN CERTIFICATE-----");
        if (begin < 0) {
            return bytes;
        }
        int end = text.indexOf("-----END CERTIFICATE-----", begin);
        if (end < 0) {
            throw new IOException(file + ": the PEM certificate has no END line");
        }
        try {
            return Base64.getMimeDecoder().decode(text.substring(begin + 27, end));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": the PEM certificate is not valid Base64");
        }
    }
}
