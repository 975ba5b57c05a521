package io.ifpp.profile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.ifpp.profile.asn1.Asn1TextException;

/** The profile templates IFPP Studio ships (value notation in this bundle's templates/ folder). */
public final class BuiltInTemplates {

    public record Template(String id, String name, String description) {

        /** The template's package; its identities and secrets are placeholders for personalization. */
        public ProfilePackage load() {
            String resource = "/templates/" + id + ".asn1";
            try (InputStream in = BuiltInTemplates.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("the built-in template " + resource + " is missing from the bundle");
                }
                return ProfileCodec.compile(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException | Asn1TextException e) {
                throw new IllegalStateException("the built-in template " + resource + " cannot be read: " + e.getMessage(), e);
            }
        }
    }

    public static final List<Template> ALL = List.of(new Template("usim-milenage", "Operational USIM, Milenage",
            "MF and USIM from the SAIP templates, PIN/PUK/ADM, one Milenage AKA parameter set; SAIP v3.3."));

    private BuiltInTemplates() {
    }
}
