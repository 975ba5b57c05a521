package io.ifpp.connector.filedrop.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import io.ifpp.connector.api.ConnectorException;
import io.ifpp.connector.api.OrderProgress;
import io.ifpp.connector.api.PersonalizationConnector;
import io.ifpp.connector.api.PersonalizationOrder;
import io.ifpp.connector.api.PersonalizationReport;
import io.ifpp.connector.api.SignedReport;
import io.ifpp.connector.api.SubmitReceipt;
import io.ifpp.connector.api.VendorKeys;
import io.ifpp.connector.api.contract.PersonalizationConnectorContract;
import io.ifpp.connector.filedrop.FileDropPersonalizationConnector;
import io.ifpp.connector.filedrop.internal.FolderVendorSimulator;
import io.ifpp.trust.SignatureKeyPair;

/** The file exchange passes the personalization contract against a vendor that works the folders. */
public class FileDropContractTest extends PersonalizationConnectorContract {

    private static final SignatureKeyPair ORDERER = SignatureKeyPair.generate();

    @TempDir
    Path root;

    private final Map<PersonalizationConnector, FolderVendorSimulator> vendors = new IdentityHashMap<>();
    private final List<FolderVendorSimulator> started = new ArrayList<>();
    private int exchanges;

    @AfterEach
    void stopVendors() throws InterruptedException {
        for (FolderVendorSimulator vendor : started) {
            vendor.close();
        }
    }

    @Override
    protected SignatureKeyPair orderer() {
        return ORDERER;
    }

    @Override
    protected PersonalizationConnector connector(Faults faults) {
        Path exchange = root.resolve("exchange-" + ++exchanges);
        Path outbox = exchange.resolve("outbox");
        Path inbox = exchange.resolve("inbox");
        try {
            Files.createDirectories(outbox);
            Files.createDirectories(inbox);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        FolderVendorSimulator vendor = new FolderVendorSimulator(outbox, inbox, ORDERER.publicKeys(), faults.paused(),
                faults.corruptReportSignature()).start();
        started.add(vendor);
        PersonalizationConnector connector = new FileDropPersonalizationConnector("filedrop", outbox, inbox,
                vendor.publicKeys(), ORDERER.publicKeys(), Duration.ZERO, Duration.ofMinutes(1));
        if (faults.transientFailures() > 0 || faults.lostAnswers() > 0) {
            connector = new ShareOutage(connector, outbox, faults.transientFailures(), faults.lostAnswers());
        }
        vendors.put(connector, vendor);
        return connector;
    }

    @Override
    protected void resume(PersonalizationConnector connector) {
        vendors.get(connector).resume();
    }

    /**
     * The personalization connector behind a {@link FolderOutage} of its outbox, whose caller also loses the answer
     * to the first {@code lostAnswers} submissions (the order file is written; the caller sees a TIMEOUT).
     */
    private static final class ShareOutage implements PersonalizationConnector {

        private final PersonalizationConnector connector;
        private final FolderOutage outage;
        private final java.util.concurrent.atomic.AtomicInteger lostAnswers;

        ShareOutage(PersonalizationConnector connector, Path outbox, int outageCalls, int lostAnswers) {
            this.connector = connector;
            this.outage = new FolderOutage(outbox, outageCalls);
            this.lostAnswers = new java.util.concurrent.atomic.AtomicInteger(lostAnswers);
        }

        private void share() {
            outage.beforeCall();
        }

        @Override
        public String id() {
            return connector.id();
        }

        @Override
        public VendorKeys vendorKeys() {
            return connector.vendorKeys();
        }

        @Override
        public PersonalizationReport.Reader reportReader() {
            return connector.reportReader();
        }

        @Override
        public SubmitReceipt submit(PersonalizationOrder order) throws ConnectorException {
            share();
            SubmitReceipt receipt = connector.submit(order);
            if (lostAnswers.getAndDecrement() > 0) {
                throw new ConnectorException(ConnectorException.Reason.TIMEOUT, "the answer to " + order.orderId()
                        + " was lost");
            }
            return receipt;
        }

        @Override
        public OrderProgress progress(String orderId) throws ConnectorException {
            share();
            return connector.progress(orderId);
        }

        @Override
        public Optional<SignedReport> report(String orderId) throws ConnectorException {
            share();
            return connector.report(orderId);
        }

        @Override
        public void cancel(String orderId) throws ConnectorException {
            share();
            connector.cancel(orderId);
        }
    }
}
