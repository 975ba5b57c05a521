package io.ifpp.connector.api;

import java.util.Optional;

/**
 * An eUICC vendor's personalization line, as an OSGi service. Every call is idempotent by order id, so a caller that
 * does not know whether a call went through (timeout, crash) repeats it.
 */
public interface PersonalizationConnector {

    /** The connector's id, as plans and agreements name it (e.g. {@code simulator}, {@code filedrop}). */
    String id();

    /** The keys to seal orders for this vendor and to verify its reports. */
    VendorKeys vendorKeys();

    /**
     * Submits an order. The same order again returns a receipt marked duplicate; the same id with other content is a
     * {@link ConnectorException.Reason#CONFLICT}; sealed content reused under another id is a
     * {@link ConnectorException.Reason#REPLAY}; content that does not open or verify is a
     * {@link ConnectorException.Reason#BAD_SIGNATURE}.
     */
    SubmitReceipt submit(PersonalizationOrder order) throws ConnectorException;

    OrderProgress progress(String orderId) throws ConnectorException;

    /** The vendor's signed report once the order is completed; empty before. */
    Optional<SignedReport> report(String orderId) throws ConnectorException;

    /**
     * Reads this vendor's report payloads (after {@link PersonalizationReport#verify} has checked their signature):
     * a vendor signs its report in its own format, e.g. a file exchange's output file, and only its connector reads
     * that. The default reads {@link PersonalizationReport#encode}'s format.
     */
    default PersonalizationReport.Reader reportReader() {
        return PersonalizationReport::decode;
    }

    /** Cancels an order not yet completed; cancelling twice is fine, cancelling a completed order is REJECTED. */
    void cancel(String orderId) throws ConnectorException;
}
