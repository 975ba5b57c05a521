/**
 * The connector SPI: what IFPP Studio asks of an eUICC vendor's personalization line
 * ({@link io.ifpp.connector.api.PersonalizationConnector}), of an SM-DP+ through ES2+
 * ({@link io.ifpp.connector.api.ProfileOrderingConnector}, {@link io.ifpp.connector.api.DownloadProgressListener})
 * and of an operator ({@link io.ifpp.connector.api.OperatorConnector}). Each integration is its own bundle registering an
 * implementation as an OSGi service; io.ifpp.connector.api.tests holds the contract suite every one of them passes.
 * <p>
 * Secrets cross this API only sealed ({@link io.ifpp.trust.Envelope}: hybrid classical + post-quantum, signed) or as
 * {@link io.ifpp.core.Secret}; exceptions and reports never carry them.
 */
package io.ifpp.connector.api;
