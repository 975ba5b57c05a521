package io.ifpp.connector.filedrop.internal;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.osgi.service.component.annotations.Component;

import io.ifpp.connector.api.ConnectorCommand;
import io.ifpp.connector.api.VendorKeys;
import io.ifpp.trust.PartyKeyStore;
import io.ifpp.trust.TestPki;
import io.ifpp.trust.TlsServerKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ifpp simulate folder-vendor}: a simulated vendor answering the file-drop connector's orders in its folders,
 * standing in for a vendor's line in tests and demonstrations.
 */
@Component(service = ConnectorCommand.class)
public final class SimulateFolderVendorCommand implements ConnectorCommand {

    @Override
    public String parent() {
        return "simulate";
    }

    @Override
    public String name() {
        return "folder-vendor";
    }

    @Override
    public Object newCommand(Console console) {
        return new FolderVendor();
    }

    @Command(name = "folder-vendor", description = "Answer the file-drop connector's orders as a simulated vendor "
            + "until stopped: collect .order files from the outbox, personalize, drop signed .out answers into the "
            + "inbox. Writes to --keys-out the vendor's public key bundle (vendor.pub, for the connector's "
            + "vendorPublicKeys) and its EUM chain (ci.pem, eum.pem, for <data>/trust/<vendor>/).")
    static final class FolderVendor implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--outbox", required = true, paramLabel = "DIR", description = "Folder orders are collected from.")
        Path outbox;

        @Option(names = "--inbox", required = true, paramLabel = "DIR", description = "Folder answers are dropped into.")
        Path inbox;

        @Option(names = "--orderer-keys", required = true, paramLabel = "FILE",
                description = "Public key bundle of the IFPP Studio whose orders it accepts (ifpp keys export-public).")
        Path ordererKeys;

        @Option(names = "--keys-out", required = true, paramLabel = "DIR",
                description = "Folder for vendor.pub, ci.pem and eum.pem (created if needed).")
        Path keysOut;

        @Option(names = "--eid-prefix", defaultValue = FolderVendorSimulator.EID_PREFIX,
                description = "The EUM's 8-digit EID prefix (default: ${DEFAULT-VALUE}).")
        String eidPrefix;

        @Override
        public Integer call() throws Exception {
            PartyKeyStore.PublicParty orderer = PartyKeyStore.readPublicBundle(Files.readString(ordererKeys));
            Files.createDirectories(outbox);
            Files.createDirectories(inbox);
            Files.createDirectories(keysOut);
            try (FolderVendorSimulator vendor = new FolderVendorSimulator(outbox, inbox, orderer.signing(), eidPrefix,
                    false, false)) {
                VendorKeys keys = vendor.publicKeys();
                Files.writeString(keysOut.resolve("vendor.pub"), PartyKeyStore.publicBundle(
                        new PartyKeyStore.PublicParty("folder-vendor-simulator", keys.sealing(), keys.signing())));
                TestPki.Issued ci = vendor.eumChain().get(0);
                Files.writeString(keysOut.resolve("ci.pem"), ci.pem());
                Files.writeString(keysOut.resolve("eum.pem"), vendor.eumChain().get(1).pem());
                vendor.start();
                PrintWriter out = spec.commandLine().getOut();
                out.println("Folder vendor simulator collecting " + outbox + ", answering into " + inbox + " (EUM prefix "
                        + eidPrefix + ", accepts orders signed by '" + orderer.name() + "'; CI SHA-256 "
                        + TlsServerKeys.fingerprint(ci.der()) + ", keys in " + keysOut + "). Stop with Ctrl+C.");
                out.flush();
                ConnectorCommand.awaitStop();
            }
            return 0;
        }
    }
}
