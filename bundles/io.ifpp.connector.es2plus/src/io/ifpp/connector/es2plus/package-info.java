/**
 * The ES2+ connector (GSMA SGP.22 5.3): {@link io.ifpp.connector.es2plus.Es2PlusClient}, an SM-DP+ client over
 * mutual TLS implementing {@link io.ifpp.connector.api.ProfileOrderingConnector};
 * {@link io.ifpp.connector.es2plus.DownloadProgressReceiver}, the operator's endpoint for the SM-DP+'s
 * HandleDownloadProgressInfo; {@link io.ifpp.connector.es2plus.Es2PlusTestServer}, an SM-DP+ test double; and
 * {@link io.ifpp.connector.es2plus.Es2PlusSchemas}, which checks every message against the ES2+ JSON Schemas.
 */
package io.ifpp.connector.es2plus;
