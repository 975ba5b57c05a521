package io.ifpp.connector.es2plus.internal;

import io.ifpp.connector.api.ConnectorException.StatusCode;

/** An ES2+ function the test SM-DP+ refuses, with the SGP.22 status code it answers. */
public final class Es2PlusRefusal extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient StatusCode code;

    public Es2PlusRefusal(StatusCode code, String message) {
        super(message);
        this.code = code;
    }

    public StatusCode code() {
        return code;
    }
}
