package io.ifpp.orchestration.ui.internal.connectors;

import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;

import org.eclipse.equinox.security.storage.EncodingUtils;
import org.eclipse.equinox.security.storage.ISecurePreferences;
import org.eclipse.equinox.security.storage.SecurePreferencesFactory;
import org.eclipse.equinox.security.storage.StorageException;
import org.osgi.service.component.annotations.Component;

import io.ifpp.connector.api.ConnectorSecrets;

/**
 * The workbench's connector secrets (the settings a connector's metatype types as passwords) in Eclipse secure
 * storage, encrypted under its master password, one node per connector: written by the connector's preference page,
 * read by the connector as it is made. Never in the workspace's configuration files.
 */
@Component(service = ConnectorSecrets.class)
public final class ConnectorSecureStorage implements ConnectorSecrets {

    private static final String ROOT = "/io.ifpp.orchestration.ui/connectors";

    @Override
    public Optional<char[]> secret(String connectorId, String name) throws IOException {
        try {
            ISecurePreferences node = node(connectorId);
            String value = node == null ? null : node.get(name, null);
            return Optional.ofNullable(value).map(String::toCharArray);
        } catch (StorageException e) {
            throw new IOException("the secret '" + name + "' of connector '" + connectorId + "' cannot be read from "
                    + "secure storage: " + e.getMessage(), e);
        }
    }

    /** True if secure storage keeps the secret {@code name} of connector {@code connectorId}. */
    static boolean has(String connectorId, String name) {
        ISecurePreferences node = node(connectorId);
        return node != null && Arrays.asList(node.keys()).contains(name);
    }

    /** Keeps {@code secret} (encrypted) as {@code name} of connector {@code connectorId}; the caller clears it. */
    static void store(String connectorId, String name, char[] secret) throws StorageException, IOException {
        ISecurePreferences root = SecurePreferencesFactory.getDefault();
        if (root == null) {
            throw new IOException("Eclipse secure storage is not available, so the secret '" + name + "' is not kept");
        }
        ISecurePreferences node = root.node(path(connectorId));
        node.put(name, new String(secret), true);
        node.flush();
    }

    /** Forgets every secret of connector {@code connectorId}. */
    static void removeAll(String connectorId) throws IOException {
        ISecurePreferences node = node(connectorId);
        if (node != null) {
            node.removeNode();
            SecurePreferencesFactory.getDefault().flush();
        }
    }

    private static ISecurePreferences node(String connectorId) {
        ISecurePreferences root = SecurePreferencesFactory.getDefault();
        String path = path(connectorId);
        return root != null && root.nodeExists(path) ? root.node(path) : null;
    }

    private static String path(String connectorId) {
        return ROOT + "/" + EncodingUtils.encodeSlashes(connectorId);
    }
}
