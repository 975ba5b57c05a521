package io.ifpp.orchestration.pipeline;

import java.util.List;

import io.ifpp.connector.api.ConnectorException;
import io.ifpp.connector.api.PersonalizationConnector;
import io.ifpp.connector.api.ProfileOrderingConnector;

/**
 * The connectors a batch names, found when the engine needs them (a server's installed connectors, or simulated
 * partners), and the trust anchors its vendor's eUICC certificates must chain to.
 */
public interface Partners {

    /** The vendor connector with this id; UNAVAILABLE when none is installed now. */
    PersonalizationConnector vendor(String id) throws ConnectorException;

    /** The SM-DP+ connector with this id; UNAVAILABLE when none is installed now. */
    ProfileOrderingConnector smdp(String id) throws ConnectorException;

    /**
     * The certificates (DER) above this vendor's eUICC certificates, the trusted GSMA CI first, then the vendor's EUM
     * certificate: every eUICC certificate of its reports must verify under them.
     */
    List<byte[]> eumChain(String vendorId) throws ConnectorException;
}
