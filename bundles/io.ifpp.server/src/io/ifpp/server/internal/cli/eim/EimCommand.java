package io.ifpp.server.internal.cli.eim;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import io.ifpp.agreement.DesignFiles;
import io.ifpp.agreement.ProductPlan;
import io.ifpp.profile.GsmaSchema;
import io.ifpp.profile.InitialEim;
import io.ifpp.profile.asn1.Asn1Value;
import io.ifpp.server.internal.cli.OwnerOnlyFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ifpp eim}: the SGP.32 eIM the devices of a plan are given at manufacture. */
@Command(name = "eim", description = "The eIM (GSMA SGP.32) each eUICC of a plan is given at manufacture.",
        subcommands = EimCommand.Config.class)
public final class EimCommand {

    private EimCommand() {
    }

    @Command(name = "config", description = "What each device receives: the AddInitialEimRequest (tag BF57) made "
            + "from the plan's eim section, as value notation (default), JSON, or DER. The association token is each "
            + "eUICC's own, given at personalization; it is not in this request.")
    public static final class Config implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--plan", required = true, paramLabel = "FILE", description = "The product plan (YAML).")
        Path plan;

        @Option(names = "--json", description = "Print the request's fields as JSON, with its DER in hex.")
        boolean json;

        @Option(names = "--der", paramLabel = "FILE", description = "Write the request's DER to FILE.")
        Path der;

        @Override
        public Integer call() throws Exception {
            ProductPlan productPlan = DesignFiles.readPlan(plan);
            if (productPlan.eim() == null) {
                throw new ParameterException(spec.commandLine(), "--plan " + plan + ": the plan has no eim section, "
                        + "so its devices are given no eIM (docs/eim.md)");
            }
            Asn1Value request;
            byte[] encoded;
            try {
                request = InitialEim.request(productPlan.eim().configuration(), null);
                encoded = GsmaSchema.encode("AddInitialEimRequest", request);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--plan " + plan + ": eim > " + e.getMessage());
            }
            PrintWriter out = spec.commandLine().getOut();
            if (der != null) {
                OwnerOnlyFiles.writeNew(der, encoded);
            }
            if (json) {
                Map<String, Object> fields = new LinkedHashMap<>();
                ProductPlan.Eim eim = productPlan.eim();
                fields.put("eimId", eim.id());
                fields.put("eimFqdn", eim.fqdn());
                fields.put("eimIdType", eim.idType());
                fields.put("counterValue", eim.counter());
                fields.put("eimPublicKeyData", eim.publicKey() != null ? "eimPublicKey" : "eimCertificate");
                fields.put("trustedPublicKeyDataTls", eim.tlsPublicKey() != null ? "trustedEimPkTls"
                        : eim.tlsCertificate() != null ? "trustedCertificateTls" : null);
                fields.put("eimSupportedProtocol", eim.protocols());
                fields.put("der", HexFormat.of().formatHex(encoded));
                out.println(DesignFiles.toJson(fields));
            } else {
                out.print(GsmaSchema.valueNotation("AddInitialEimRequest", request));
                out.println("-- DER (" + encoded.length + " bytes): " + HexFormat.of().formatHex(encoded));
            }
            return 0;
        }
    }
}
