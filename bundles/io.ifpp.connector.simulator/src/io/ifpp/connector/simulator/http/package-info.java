/**
 * The personalization line over HTTP, as the standalone simulator ({@code ifpp simulate vendor}) serves it and a
 * vendor line may: JSON bodies, binary fields in Base64.
 * <ul>
 * <li>{@code GET /vendor/keys}: the line's public key bundle (text, as {@code ifpp keys export-public} writes);</li>
 * <li>{@code POST /vendor/orders}: {@code {orderId, deviceCount, profileSet, sealedDeviceSecrets, batchId,
 * sequence, firstEid (optional: the first EID of the range the devices get)}} answers {@code {orderId, accepted, duplicate}};</li>
 * <li>{@code GET /vendor/orders/ID}: {@code {orderId, state, devicesDone, devicesTotal}};</li>
 * <li>{@code GET /vendor/orders/ID/report}: {@code {orderId, payload, signature}}, or 204 before completion;</li>
 * <li>{@code DELETE /vendor/orders/ID}: cancels (204).</li>
 * </ul>
 * A refusal answers 4xx/5xx with {@code {reason, message}}, {@code reason} one of
 * {@link io.ifpp.connector.api.ConnectorException.Reason}.
 */
package io.ifpp.connector.simulator.http;
