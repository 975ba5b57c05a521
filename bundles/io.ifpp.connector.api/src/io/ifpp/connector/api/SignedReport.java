package io.ifpp.connector.api;

/** A vendor's report as sent: the payload ({@link PersonalizationReport#encode}) and the vendor's composite signature. */
public record SignedReport(String orderId, byte[] payload, byte[] signature) {

    public SignedReport {
        payload = payload.clone();
        signature = signature.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }
}
