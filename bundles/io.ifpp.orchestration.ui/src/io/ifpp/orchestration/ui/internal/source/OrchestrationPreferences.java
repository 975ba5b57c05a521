package io.ifpp.orchestration.ui.internal.source;

import org.eclipse.core.runtime.preferences.AbstractPreferenceInitializer;
import org.eclipse.core.runtime.preferences.DefaultScope;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.equinox.security.storage.ISecurePreferences;
import org.eclipse.equinox.security.storage.SecurePreferencesFactory;
import org.eclipse.equinox.security.storage.StorageException;

/**
 * The orchestration view's settings: the data source and the server's URL in the workspace's preferences, the
 * server's bearer token in Eclipse secure storage (encrypted, never in the plain preference files).
 */
public final class OrchestrationPreferences {

    public static final String NODE = "io.ifpp.orchestration.ui";
    public static final String SOURCE = "source";
    public static final String SOURCE_EMBEDDED = "embedded";
    public static final String SOURCE_REMOTE = "remote";
    public static final String SERVER_URL = "serverUrl";
    /** The server certificate's SHA-256, pinned; empty: the JVM's trusted authorities decide. */
    public static final String SERVER_FINGERPRINT = "serverFingerprint";
    private static final String SECURE_NODE = "/io.ifpp.orchestration.ui/server";
    private static final String TOKEN = "token";

    private OrchestrationPreferences() {
    }

    /** Embedded by default: the workspace's own database, nothing to configure. */
    public static final class Defaults extends AbstractPreferenceInitializer {

        @Override
        public void initializeDefaultPreferences() {
            IEclipsePreferences defaults = DefaultScope.INSTANCE.getNode(NODE);
            defaults.put(SOURCE, SOURCE_EMBEDDED);
            defaults.put(SERVER_URL, "");
            defaults.put(SERVER_FINGERPRINT, "");
        }
    }

    public static IEclipsePreferences instance() {
        return InstanceScope.INSTANCE.getNode(NODE);
    }

    public static boolean remote() {
        return SOURCE_REMOTE.equals(instance().get(SOURCE, DefaultScope.INSTANCE.getNode(NODE).get(SOURCE,
                SOURCE_EMBEDDED)));
    }

    public static String serverUrl() {
        return instance().get(SERVER_URL, "");
    }

    public static String serverFingerprint() {
        return instance().get(SERVER_FINGERPRINT, "");
    }

    /** The stored token, or null; the caller zeroes the array after use. */
    public static char[] token() throws StorageException {
        String token = secureNode().get(TOKEN, null);
        return token == null ? null : token.toCharArray();
    }

    public static boolean hasToken() {
        try {
            return secureNode().keys().length > 0;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Stores the token encrypted in secure storage; an empty token removes it. */
    public static void storeToken(char[] token) throws StorageException, java.io.IOException {
        ISecurePreferences node = secureNode();
        if (token.length == 0) {
            node.remove(TOKEN);
        } else {
            node.put(TOKEN, new String(token), true);
        }
        node.flush();
    }

    private static ISecurePreferences secureNode() {
        return SecurePreferencesFactory.getDefault().node(SECURE_NODE);
    }
}
