package io.ifpp.connector.api;

import java.util.List;

/**
 * A connector that can tell whether it reaches its partner now, without changing anything there: the endpoint over
 * its transport (e.g. a mutual-TLS handshake), the folders it exchanges through, the keys it was configured with.
 * A connector's component implements it beside its SPI interface; {@code ifpp connectors check ID} runs it.
 */
public interface ConnectorCheck {

    /** Each step checked, in order, with what it found; a failed step says why, and never a secret. */
    List<Step> check();

    /** One thing checked: what, whether it holds, and what was found. */
    record Step(String what, boolean ok, String detail) {

        public static Step ok(String what, String detail) {
            return new Step(what, true, detail);
        }

        public static Step failed(String what, String detail) {
            return new Step(what, false, detail);
        }
    }
}
