package io.ifpp.propertytests;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import io.ifpp.connector.api.ConnectorException;
import io.ifpp.connector.api.OrderPayload;
import io.ifpp.connector.api.PersonalizationReport;
import io.ifpp.core.Eid;
import io.ifpp.core.Iccid;
import io.ifpp.core.Secret;
import io.ifpp.fixtures.Fixtures;
import io.ifpp.propertytests.Mutations.Mutation;

/**
 * Hostile-input suite (issue 9): what the connectors read from the other side, once its seal or signature has
 * verified: the order payload a vendor opens ({@link OrderPayload#decode}) and the vendor's personalization report
 * ({@link PersonalizationReport#decode}). Mutated from valid encodings, each is read or refused with its typed
 * error, which names the line and never quotes a key.
 */
class ConnectorPayloadProperties {

    private static final String KI = "000102030405060708090A0B0C0D0E0F";
    private static final String OPC = "F0E0D0C0B0A090807060504030201000";
    private static final String PIN = "39383736FFFFFFFF";
    /** Two templates, short: the decoder reads their base64, not their DER, so short bytes keep the mutations on the lines. */
    private static final byte[] PAYLOAD = OrderPayload.encode(List.of(new OrderPayload.Template("eu-iot",
            new byte[] { 0x30, 0x03, 0x02, 0x01, 0x01 }), new OrderPayload.Template("andes", new byte[] { 0x30, 0x00 })),
            List.of(
            device(0, "8947000000000012140", "242017100011213", "8947000000000012157", "242017100011214"),
            device(1, "8947000000000012165", "242017100011215", "89470000000000121730", "242017100011216"),
            device(7, "8947000000000012181", "242017100011217", "8947000000000012199", "242017100011218")));

    private static final String ORDER = "order-20261124-1";
    private static final Eid EID = Eid.of("89049032123451234512345678901235");
    private static final byte[] REPORT = new PersonalizationReport(ORDER, List.of(
            result(EID, PersonalizationReport.Result.INSTALLED, List.of("8947000000000012140", "8947000000000012157"),
                    ""),
            result(EID.plus(1), PersonalizationReport.Result.FAILED, List.of(), "memory full; retried"),
            result(EID.plus(2), PersonalizationReport.Result.INSTALLED, List.of("8947000000000012165"), "")))
            .encode();

    static final int PAYLOAD_TRIES = 150_000;
    static final int REPORT_TRIES = 150_000;
    private static final HostileInput<IllegalArgumentException> PAYLOADS = new HostileInput<>(
            "order payload (OrderPayload.decode), mutated encoding", IllegalArgumentException.class, PAYLOAD_TRIES);
    private static final HostileInput<ConnectorException> REPORTS = new HostileInput<>(
            "personalization report (PersonalizationReport.decode), mutated encoding", ConnectorException.class,
            REPORT_TRIES);

    private static final List<String> TOKENS = List.of(";", "\n", "\r", ",", "-1", "2147483648", "00", "+1", " ",
            "0x1", "8947000000000012140", "89470000000000121400", "242017100011213", KI.substring(1), "g", "G",
            "INSTALLED", "FAILED", "installed", "order ", "order " + ORDER, "=", "====", "MIIB", "\u00e9", "\u0000",
            "89049032123451234512345678901235", "-", ";;;;;", "template;", "template;0;a;MA==", "pinAppl1=", PIN,
            OrderPayload.FORMAT);

    /** A line number first, as the decoders' errors state it. */
    private static final Pattern LINE = Pattern.compile("line (\\d+)");

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        return Mutations.text(TOKENS);
    }

    @Property(tries = PAYLOAD_TRIES, seed = "20261204", generation = GenerationMode.RANDOMIZED)
    void mutatedOrderPayloadsAreReadOrRefusedByLineAndField(@ForAll("mutations") List<Mutation> mutations) {
        byte[] payload = Mutations.apply(PAYLOAD, mutations);
        PAYLOADS.feed(() -> OrderPayload.decode(payload), error -> {
            Check.that(error.getMessage().startsWith("line "), "the error does not start with its line");
            checkLine(error.getMessage(), payload);
            checkNoKey(error.getMessage());
        }).ifPresent(OrderPayload.Contents::destroy);
    }

    @Property(tries = REPORT_TRIES, seed = "20261205", generation = GenerationMode.RANDOMIZED)
    void mutatedReportsAreReadOrRejectedByLine(@ForAll("mutations") List<Mutation> mutations) {
        byte[] report = Mutations.apply(REPORT, mutations);
        REPORTS.feed(() -> PersonalizationReport.decode(ORDER, report), error -> {
            Check.that(error.reason() == ConnectorException.Reason.REJECTED, "reason " + error.reason());
            Check.that(error.getMessage().contains(ORDER), "the error does not name the order");
            checkLine(error.getMessage(), report);
        });
    }

    private static void checkLine(String message, byte[] input) {
        Matcher line = LINE.matcher(message);
        if (line.find()) {
            long lines = Mutations.lineCount(input);
            Check.that(Long.parseLong(line.group(1)) <= lines, "line " + line.group(1) + " of " + lines + " lines");
        }
    }

    private static void checkNoKey(String message) {
        String upper = message.toUpperCase(Locale.ROOT);
        Check.that(!upper.contains(KI.substring(8)) && !upper.contains(OPC.substring(8)) && !upper.contains(PIN),
                "the error quotes a key");
    }

    private static OrderPayload.Device device(int index, String iccid1, String imsi1, String iccid2, String imsi2) {
        return new OrderPayload.Device(index, List.of(
                new OrderPayload.ProfileSecrets(Iccid.of(iccid1), imsi1, Secret.ofHex(KI), Secret.ofHex(OPC)),
                new OrderPayload.ProfileSecrets(Iccid.of(iccid2), imsi2, Secret.ofHex(KI), Secret.ofHex(OPC),
                        java.util.Map.of("pinAppl1", Secret.ofHex(PIN), "adm1", Secret.ofHex(PIN)))));
    }

    private static PersonalizationReport.DeviceResult result(Eid eid, PersonalizationReport.Result result,
            List<String> iccids, String failure) {
        byte[] certificate = Fixtures.read("sgp26-pki/eUICC_CERT_EUICC_ECDSA_NIST.der");
        return new PersonalizationReport.DeviceResult(eid, result, iccids, certificate, failure);
    }
}
