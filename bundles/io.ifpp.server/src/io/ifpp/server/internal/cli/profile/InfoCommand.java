package io.ifpp.server.internal.cli.profile;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.ifpp.core.Iccid;
import io.ifpp.profile.ProfileHeader;
import io.ifpp.profile.ProfilePackage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ifpp profile info FILE [--json]}: header and element summary; never prints a key, OPc, PIN or PUK. */
@Command(name = "info", description = "Summarize a profile package: version, type, ICCID, services, elements.")
public final class InfoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The profile package (DER).")
    Path file;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        byte[] bytes = ProfileCommand.readBytes(file);
        ProfilePackage profile = ProfileCommand.readPackage(file);
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("file", file.toString());
        info.put("bytes", bytes.length);
        info.putAll(summary(profile));
        if (json) {
            spec.commandLine().getOut().println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(info));
            return 0;
        }
        var out = spec.commandLine().getOut();
        out.printf("File:          %s (%d bytes)%n", file, bytes.length);
        profile.typedHeader().ifPresentOrElse(header -> {
            out.printf("Version:       %s%n", header.version());
            out.printf("Profile type:  %s%n", header.profileType().orElse("(none)"));
            out.printf("ICCID:         %s%n", header.iccid().map(InfoCommand::iccidText).orElse("(not BCD digits)"));
            out.printf("Services:      %s%n", String.join(", ", header.mandatoryServices()));
        }, () -> out.println("Header:        (none: a valid package starts with one)"));
        out.printf("Elements:      %d: %s%n", profile.elements().size(), countKinds(profile.elementKinds()));
        return 0;
    }

    /** Header and elements of a package, as {@code info --json} and the REST API show them; no secret among them. */
    public static Map<String, Object> summary(ProfilePackage profile) {
        Map<String, Object> info = new LinkedHashMap<>();
        profile.typedHeader().ifPresent(header -> describe(header, info));
        info.put("elementCount", profile.elements().size());
        info.put("elements", profile.elementKinds());
        return info;
    }

    private static void describe(ProfileHeader header, Map<String, Object> info) {
        info.put("version", header.version());
        header.profileType().ifPresent(type -> info.put("profileType", type));
        header.iccid().ifPresentOrElse(iccid -> {
            info.put("iccid", iccid.digits());
            info.put("iccidCheckDigitValid", iccid.hasValidCheckDigit());
        }, () -> info.put("iccid", null));
        info.put("mandatoryServices", header.mandatoryServices());
        info.put("mandatoryGfstes", header.mandatoryGfstes());
    }

    private static String iccidText(Iccid iccid) {
        return iccid.digits() + (iccid.hasValidCheckDigit() ? " (check digit valid)"
                : " (check digit should be " + iccid.expectedCheckDigit() + ")");
    }

    /** "header, mf, pinCodes ×6, ..." in order of first appearance. */
    private static String countKinds(List<String> kinds) {
        Map<String, Long> counts = kinds.stream()
                .collect(Collectors.groupingBy(Function.identity(), LinkedHashMap::new, Collectors.counting()));
        return counts.entrySet().stream().map(e -> e.getKey() + (e.getValue() > 1 ? " \u00d7" + e.getValue() : ""))
                .collect(Collectors.joining(", "));
    }
}
