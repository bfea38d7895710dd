package dev.arca.kbs.upstream;

import dev.arca.kbs.config.KbsProperties;
import java.net.URI;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.springframework.web.util.UriUtils;
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

    /** Lists the unexpired reference values with the caller's own admin token. */
    public UpstreamResponse list(String authorization) {
        return http.get(referenceValues, authorization, SERVICE);
    }

    /**
     * Reads one reference value with the caller's own admin token. The name may contain {@code /} (CoRIM names); each
     * segment is percent-encoded, so the RVPS sees exactly the name the caller asked for. The caller has checked that
     * no segment is empty, {@code .} or {@code ..}.
     */
    public UpstreamResponse get(String name, String authorization) {
        String encoded = Arrays.stream(name.split("/", -1))
                .map(segment -> UriUtils.encodePathSegment(segment, java.nio.charset.StandardCharsets.UTF_8))
                .collect(Collectors.joining("/"));
        return http.get(URI.create(referenceValues + "/" + encoded), authorization, SERVICE);
    }
}
