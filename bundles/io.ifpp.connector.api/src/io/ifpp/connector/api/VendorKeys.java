package io.ifpp.connector.api;

import io.ifpp.trust.KemKeyPair;
import io.ifpp.trust.SignatureKeyPair;

/**
 * A vendor's public keys: IFPP Studio seals orders for {@code sealing} and verifies reports with {@code signing}.
 */
public record VendorKeys(KemKeyPair.PublicKeys sealing, SignatureKeyPair.PublicKeys signing) {
}
