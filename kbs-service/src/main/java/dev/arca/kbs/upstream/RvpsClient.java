package dev.arca.kbs.upstream;

import dev.arca.kbs.config.KbsProperties;
import java.net.URI;
import org.springframework.stereotype.Component;

/** Calls of the RVPS API (docs/architecture.md "rvps-service"). */
@Component
public class RvpsClient {

    static final String SERVICE = "reference value provider service";

    private final UpstreamHttp http;
    private final URI referenceValues;

    public RvpsClient(UpstreamHttp http, KbsProperties properties) {
        this.http = http;
        this.referenceValues = UpstreamHttp.endpoint(properties.rvpsUrl(), "/reference-values");
    }

    /** Forwards a reference-value registration with the caller's own admin token. */
    public UpstreamResponse register(byte[] rvpsMessage, String authorization) {
        return http.postJson(referenceValues, rvpsMessage, authorization, SERVICE);
    }
}
