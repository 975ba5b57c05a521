package io.ifpp.connector.api;

import java.util.Map;
import java.util.Optional;

/**
 * Where an SM-DP+ calls IFPP Studio back with its download progress (ES2+ HandleDownloadProgressInfo, SGP.22 5.3.5),
 * in the protocol the connector that registers it speaks. A server serves every one registered, while it is
 * registered, at its {@link #path}, to callers holding the SM-DP+ role, and records what the calls say.
 */
public interface DownloadProgressEndpoint {

    /** The path the SM-DP+ calls (e.g. {@code /gsma/rsp2/es2plus/handleDownloadProgressInfo}). */
    String path();

    /**
     * Reads one call's body. A call that conforms hands its notification to {@code listener}, which may throw an
     * unchecked exception to fail the call (it reaches the caller of this method); one that does not is refused.
     */
    Answer receive(byte[] body, DownloadProgressListener listener);

    /**
     * What the caller is answered.
     *
     * @param status the HTTP status (e.g. 204 for a call taken, 400 for one refused)
     * @param headers headers the protocol adds to the answer
     * @param refusal why the call was refused, when it was
     */
    record Answer(int status, Map<String, String> headers, Optional<String> refusal) {

        public Answer {
            headers = Map.copyOf(headers);
        }
    }
}
