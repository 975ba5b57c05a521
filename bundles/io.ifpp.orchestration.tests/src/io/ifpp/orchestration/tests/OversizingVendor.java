package io.ifpp.orchestration.tests;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import io.ifpp.connector.api.ConnectorException;
import io.ifpp.connector.api.OrderProgress;
import io.ifpp.connector.api.PersonalizationConnector;
import io.ifpp.connector.api.PersonalizationOrder;
import io.ifpp.connector.api.PersonalizationReport;
import io.ifpp.connector.api.SignedReport;
import io.ifpp.connector.api.SubmitReceipt;
import io.ifpp.connector.api.VendorKeys;
import io.ifpp.connector.simulator.VendorSimulator;
import io.ifpp.trust.CompositeSignature;
import io.ifpp.trust.SignatureKeyPair;

/**
 * A vendor line whose signed reports carry fields larger than any column holds: its first line a failure text of
 * 5,000 characters, its second 300 ICCIDs. Signed with the line's own key, so they verify as any report does.
 */
final class OversizingVendor implements PersonalizationConnector {

    private final VendorSimulator line;
    private final SignatureKeyPair signing;

    OversizingVendor(VendorSimulator line, SignatureKeyPair signing) {
        this.line = line;
        this.signing = signing;
    }

    @Override
    public Optional<SignedReport> report(String orderId) throws ConnectorException {
        Optional<SignedReport> signed = line.report(orderId);
        if (signed.isEmpty()) {
            return signed;
        }
        List<PersonalizationReport.DeviceResult> lines = new ArrayList<>(
                PersonalizationReport.decode(orderId, signed.get().payload()).devices());
        PersonalizationReport.DeviceResult first = lines.get(0);
        lines.set(0, new PersonalizationReport.DeviceResult(first.eid(), PersonalizationReport.Result.FAILED,
                List.of(), first.euiccCertificate(), "x".repeat(5_000)));
        if (lines.size() > 1 && !lines.get(1).iccids().isEmpty()) {
            PersonalizationReport.DeviceResult second = lines.get(1);
            lines.set(1, new PersonalizationReport.DeviceResult(second.eid(), second.result(),
                    Collections.nCopies(300, second.iccids().get(0)), second.euiccCertificate(), second.failure()));
        }
        byte[] payload = new PersonalizationReport(orderId, lines).encode();
        return Optional.of(new SignedReport(orderId, payload, CompositeSignature.sign(payload, signing)));
    }

    @Override
    public String id() {
        return line.id();
    }

    @Override
    public VendorKeys vendorKeys() {
        return line.vendorKeys();
    }

    @Override
    public SubmitReceipt submit(PersonalizationOrder order) throws ConnectorException {
        return line.submit(order);
    }

    @Override
    public OrderProgress progress(String orderId) throws ConnectorException {
        return line.progress(orderId);
    }

    @Override
    public void cancel(String orderId) throws ConnectorException {
        line.cancel(orderId);
    }
}
