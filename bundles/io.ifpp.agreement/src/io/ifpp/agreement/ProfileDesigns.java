package io.ifpp.agreement;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.ifpp.core.Iccid;
import io.ifpp.core.Imsi;
import io.ifpp.core.Luhn;
import io.ifpp.core.Plmn;

import io.ifpp.profile.OperationalProfile;
import io.ifpp.profile.ProfileCodec;
import io.ifpp.profile.ProfilePackage;
import io.ifpp.profile.asn1.Asn1DecodeException;
import io.ifpp.profile.asn1.Asn1TextException;

/**
 * The SAIP profile designs agreements name ({@code profile.design}), read from the designs root: the folder that
 * holds the agreements folder, beside which the designs live (the examples folder, a workbench project, the server's
 * designs folder), so that {@code profiles/nordlicht-eu-iot.der} names {@code <root>/profiles/nordlicht-eu-iot.der}.
 * A design is DER ({@code .der}) or value notation (any other name, as the profile editor's source page writes it).
 */
public final class ProfileDesigns {

    private final Path root;

    private ProfileDesigns(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** Designs under {@code root}. */
    public static ProfileDesigns under(Path root) {
        return new ProfileDesigns(root);
    }

    /** The designs of the agreements read from {@code agreements}, an agreement file or a folder of them. */
    public static ProfileDesigns beside(Path agreements) {
        Path folder = (Files.isDirectory(agreements) ? agreements : agreements.toAbsolutePath().getParent())
                .toAbsolutePath().normalize();
        return new ProfileDesigns(folder.getParent() == null ? folder : folder.getParent());
    }

    public Path root() {
        return root;
    }

    /**
     * A design read, decoded and measured.
     *
     * @param name the path the agreement names it by
     * @param installedBytes what installing it takes on the eUICC ({@link OperationalProfile#installedBytes()})
     */
    public record Design(String name, Path file, ProfilePackage profile, long encodedBytes, long installedBytes) {

        /** The installed size in whole kilobytes (1,024 bytes), rounded up: what the planner counts. */
        public int installedKb() {
            return (int) ((installedBytes + 1023) / 1024);
        }
    }

    /** The file a design name resolves to; refused when it leaves the designs root. */
    public Path file(String name) throws DesignFileException {
        Path file = root.resolve(name).normalize();
        if (!file.startsWith(root)) {
            throw new DesignFileException(file, 0, 0, "the design '" + name + "' lies outside the designs folder "
                    + root, null);
        }
        return file;
    }

    /** Reads the design {@code name}: refused, naming the file and where in it, when it is missing or does not decode. */
    public Design read(String name) throws DesignFileException {
        Path file = file(name);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new DesignFileException(file, 0, 0, "no such profile design", e);
        } catch (IOException e) {
            throw new DesignFileException(file, 0, 0, "cannot read the profile design: " + e.getMessage(), e);
        }
        ProfilePackage profile;
        try {
            profile = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".der")
                    ? ProfileCodec.decode(bytes) : ProfileCodec.compile(new String(bytes, StandardCharsets.UTF_8));
        } catch (Asn1DecodeException e) {
            throw new DesignFileException(file, 0, 0, "not a SAIP profile package: " + e.getMessage(), e);
        } catch (Asn1TextException e) {
            throw new DesignFileException(file, e.line(), e.column(), "not SAIP value notation: " + e.getMessage(), e);
        }
        long encoded = ProfileCodec.encode(profile).length;
        return new Design(name, file, profile, encoded, OperationalProfile.of(profile).installedBytes());
    }

    /** How many networks a made design's EF.OPLMNwACT holds at least (the built-in template's eight). */
    private static final int MIN_OPERATOR_PLMNS = 8;

    /**
     * A design for {@code agreement} made from {@code template}: a placeholder ICCID in the agreement's range (its
     * prefix, zeros, the Luhn digit) and an IMSI of its home network (MSIN zeros), both replaced per device; the
     * operator's name (up to " (", cut to EF.SPN's 16 bytes) as service provider name; the home network with the
     * home coverage's radio technologies in EF.HPLMNwAcT; every roaming network of the coverage with its
     * technologies in EF.OPLMNwACT, the file sized to hold them. What {@link AgreementValidator#designs} then finds matching.
     */
    public static ProfilePackage designFor(Agreement agreement, Optional<Operator> operator, ProfilePackage template) {
        Agreement.ProfileSupply supply = agreement.profile();
        if (supply == null || supply.iccidPrefix() == null || supply.homePlmn() == null) {
            throw new IllegalArgumentException("agreement '" + agreement.id() + "' needs a profile with homePlmn and "
                    + "iccidPrefix to make its design");
        }
        Plmn home = Plmn.parse(supply.homePlmn());
        String payload = supply.iccidPrefix() + "0".repeat(Math.max(0, 18 - supply.iccidPrefix().length()));
        Iccid iccid = Iccid.of(payload + Luhn.checkDigit(payload));
        String plmnDigits = home.mcc() + home.mnc();
        Imsi imsi = new Imsi(plmnDigits + "0".repeat(15 - plmnDigits.length()), home.mnc().length());
        String name = operator.map(Operator::name).orElse(agreement.provider());
        int bracket = name.indexOf(" (");
        for (Agreement.Coverage coverage : agreement.coverage()) {
            Plmn.parse(coverage.network()); // refused here: ratsByNetwork leaves a network that is no PLMN out
        }
        Map<Plmn, List<Rat>> roaming = new LinkedHashMap<>(agreement.ratsByNetwork());
        List<Rat> homeRats = Optional.ofNullable(roaming.remove(home)).orElse(List.of());
        List<OperationalProfile.PlmnWithAct> operatorPlmns = new ArrayList<>();
        roaming.forEach((network, rats) -> operatorPlmns.add(new OperationalProfile.PlmnWithAct(network,
                Rat.accessTechnologyBits(rats))));
        return withSpnFitting(OperationalProfile.of(template).withIccid(iccid).withImsi(imsi),
                bracket > 0 ? name.substring(0, bracket) : name)
                .withHomePlmns(List.of(new OperationalProfile.PlmnWithAct(home, Rat.accessTechnologyBits(homeRats))))
                .withOperatorPlmns(operatorPlmns, Math.max(MIN_OPERATOR_PLMNS, operatorPlmns.size()))
                .toPackage();
    }

    /** {@code profile} with the longest start of {@code name} that EF.SPN holds (16 bytes) as its SPN. */
    private static OperationalProfile withSpnFitting(OperationalProfile profile, String name) {
        String spn = name.strip();
        while (true) {
            try {
                return profile.withSpn(spn);
            } catch (IllegalArgumentException tooLong) {
                if (spn.length() <= 1) {
                    throw tooLong;
                }
                spn = spn.substring(0, spn.length() - 1).strip();
            }
        }
    }

    /**
     * The book with each agreement's profile size replaced by its design's measured installed size, where the design
     * reads; the others keep the size written in the agreement ({@link AgreementValidator#designs} reports both).
     */
    public AgreementBook measured(AgreementBook book) {
        List<Agreement> agreements = new ArrayList<>();
        for (Agreement agreement : book.agreements()) {
            Agreement.ProfileSupply supply = agreement.profile();
            if (supply != null && supply.design() != null && !supply.design().isBlank()) {
                try {
                    int measured = read(supply.design()).installedKb();
                    agreement = agreement.withProfile(new Agreement.ProfileSupply(supply.homePlmn(), measured,
                            supply.design(), supply.iccidPrefix()));
                } catch (DesignFileException unreadable) {
                    // The validator reports it; the size written in the agreement stands meanwhile.
                }
            }
            agreements.add(agreement);
        }
        return new AgreementBook(book.operators(), agreements, book.countryRules());
    }
}
