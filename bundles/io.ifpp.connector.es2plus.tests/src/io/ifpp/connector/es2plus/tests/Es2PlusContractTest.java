package io.ifpp.connector.es2plus.tests;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.ifpp.connector.api.DownloadProgressListener.DownloadProgressInfo;
import io.ifpp.connector.api.ProfileOrderingConnector;
import io.ifpp.connector.api.RetryPolicy;
import io.ifpp.connector.api.contract.ProfileOrderingConnectorContract;
import io.ifpp.connector.es2plus.DownloadProgressReceiver;
import io.ifpp.connector.es2plus.Es2PlusClient;
import io.ifpp.connector.es2plus.Es2PlusFunction;
import io.ifpp.connector.es2plus.Es2PlusSchemas;
import io.ifpp.connector.es2plus.Es2PlusSettings;
import io.ifpp.connector.es2plus.Es2PlusTestServer;
import io.ifpp.core.Eid;
import io.ifpp.core.Iccid;

/** The ES2+ client against the ES2+ test SM-DP+, over mutual TLS on loopback, passes the profile-ordering contract. */
class Es2PlusContractTest extends ProfileOrderingConnectorContract {

    @Override
    protected Subject subject(Faults faults, RetryPolicy retries, Duration callTimeout) {
        return new LoopbackSubject(faults, retries, callTimeout);
    }

    /** A test SM-DP+, the operator's notification endpoint and a client, all on loopback. */
    static final class LoopbackSubject implements Subject {

        final Es2PlusTestServer smdp;
        final DownloadProgressReceiver receiver;
        final Es2PlusClient client;
        final List<DownloadProgressInfo> notifications = new CopyOnWriteArrayList<>();

        LoopbackSubject(Faults faults, RetryPolicy retries, Duration callTimeout) {
            smdp = new Es2PlusTestServer(Loopback.SMDP, Loopback.HOST, 0, Es2PlusSchemas.bundled(),
                    "smdp.ifpp.test");
            receiver = new DownloadProgressReceiver(Loopback.IFPP, Loopback.HOST, 0, Es2PlusSchemas.bundled());
            receiver.addListener(notifications::add);
            smdp.notifyTo(receiver.uri(), Es2PlusSettings.DEFAULT_ADMIN_PROTOCOL);
            smdp.delayAnswers(faults.answerDelay());
            smdp.failBeforeExecution(faults.failuresBeforeExecution());
            smdp.loseAnswers(faults.lostAnswers());
            URI endpoint = faults.down() ? URI.create("https://" + Loopback.HOST + ":" + Loopback.freePort())
                    : smdp.uri();
            client = new Es2PlusClient(Es2PlusSettings.of(endpoint, "ifpp-studio-test").withRetries(retries)
                    .withCallTimeout(callTimeout), Loopback.IFPP);
        }

        @Override
        public ProfileOrderingConnector connector() {
            return client;
        }

        @Override
        public void addProfile(Iccid iccid, String profileType) {
            smdp.addProfile(iccid, profileType);
        }

        @Override
        public void refuseEid(Eid eid) {
            smdp.refuseEid(eid);
        }

        @Override
        public List<DownloadProgressInfo> progress(Iccid iccid) {
            return notifications.stream().filter(info -> info.iccid().equals(iccid)).toList();
        }

        @Override
        public int downloadOrdersExecuted() {
            return smdp.executions(Es2PlusFunction.DOWNLOAD_ORDER);
        }

        @Override
        public void close() {
            smdp.close();
            receiver.close();
            client.close();
        }
    }
}
