package io.ifpp.connector.es2plus.internal;

import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;

import io.ifpp.connector.api.DownloadProgressEndpoint;
import io.ifpp.connector.api.DownloadProgressListener;
import io.ifpp.connector.es2plus.DownloadProgressReceiver;
import io.ifpp.connector.es2plus.Es2PlusFunction;
import io.ifpp.connector.es2plus.Es2PlusSchemas;
import io.ifpp.connector.es2plus.Es2PlusSettings;

/**
 * The ES2+ HandleDownloadProgressInfo callback as a server hosts it: each notification checked against its schema as
 * SGP.22 reads it, answered 204 with the X-Admin-Protocol header when taken, 400 saying why when not.
 */
@Component(service = DownloadProgressEndpoint.class)
public final class DownloadProgressEndpointComponent implements DownloadProgressEndpoint {

    private final Es2PlusSchemas schemas = Es2PlusSchemas.bundled();

    @Override
    public String path() {
        return Es2PlusFunction.HANDLE_DOWNLOAD_PROGRESS_INFO.path();
    }

    @Override
    public Answer receive(byte[] body, DownloadProgressListener listener) {
        DownloadProgressReceiver.Receipt receipt = DownloadProgressReceiver.receive(body, schemas, listener);
        return new Answer(receipt.httpStatus(), receipt.isAccepted()
                ? Map.of(Es2PlusSettings.ADMIN_PROTOCOL_HEADER, Es2PlusSettings.DEFAULT_ADMIN_PROTOCOL)
                : Map.of(), Optional.ofNullable(receipt.refusal()));
    }
}
