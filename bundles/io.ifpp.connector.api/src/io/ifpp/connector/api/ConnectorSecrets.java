package io.ifpp.connector.api;

import java.io.IOException;
import java.util.Optional;

/**
 * Secrets of configured connectors (a key store's password, an API token) kept apart from their configuration
 * files, as an OSGi service of the product that has such a store: the workbench keeps them in Eclipse secure
 * storage. A connector declares each secret as a setting of type {@code PASSWORD} in its metatype, which no
 * configuration file may hold ({@code ifpp connectors configure} refuses it and the workbench's preference page
 * stores it here instead), and asks for it when it is activated, through an optional reference: where no store is
 * registered (the server) it reads the secret from the file or environment variable its settings name.
 */
public interface ConnectorSecrets {

    /**
     * The secret {@code name} (the setting's id) of the connector configured as {@code connectorId}: a fresh copy the
     * caller clears after use, or empty when none is kept.
     *
     * @throws IOException if the store cannot be read (for instance, its master password was not given)
     */
    Optional<char[]> secret(String connectorId, String name) throws IOException;
}
