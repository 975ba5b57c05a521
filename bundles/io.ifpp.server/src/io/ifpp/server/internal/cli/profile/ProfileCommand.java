package io.ifpp.server.internal.cli.profile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import io.ifpp.profile.ProfileCodec;
import io.ifpp.profile.ProfilePackage;
import io.ifpp.profile.asn1.Asn1DecodeException;
import io.ifpp.profile.asn1.Asn1TextException;
import picocli.CommandLine.Command;

/** {@code ifpp profile ...}: SAIP profile packages from the command line, thin over {@link ProfileCodec}. */
@Command(name = "profile", description = "Read, convert and check SAIP profile packages (DER) and their value notation.",
        subcommands = { InfoCommand.class, ValidateCommand.class, DumpCommand.class, CompileCommand.class,
                RoundtripCommand.class })
public final class ProfileCommand {

    /** A failure to report as one sentence that names the file; never carries a secret. */
    static final class ProfileFileException extends Exception {
        private static final long serialVersionUID = 1L;

        ProfileFileException(Path file, String reason) {
            super(file + ": " + reason);
        }
    }

    static byte[] readBytes(Path file) throws ProfileFileException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ProfileFileException(file, "no such file");
        } catch (IOException e) {
            throw new ProfileFileException(file, "cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    static ProfilePackage readPackage(Path file) throws ProfileFileException {
        try {
            return ProfileCodec.decode(readBytes(file));
        } catch (Asn1DecodeException e) {
            throw new ProfileFileException(file, "not a valid profile package: " + e.getMessage());
        }
    }

    static ProfilePackage compileText(Path file) throws ProfileFileException {
        try {
            return ProfileCodec.compile(new String(readBytes(file), StandardCharsets.UTF_8));
        } catch (Asn1TextException e) {
            throw new ProfileFileException(file, e.getMessage());
        }
    }
}
