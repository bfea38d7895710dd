package dev.arca.attestation.rvps;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.web.util.UriUtils;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Queries the RVPS over HTTP: {@code GET {rvps}/reference-values/{name}} answers 200 with a {@code ReferenceValue}
 * {@code {version, name, expiration, value}} or 404 when absent or expired (docs/architecture.md "rvps-service").
 * Every call has a connect and a read deadline; anything but 200/404 is "unavailable", never "absent". When a token
 * file is configured its token goes along as {@code Authorization: Bearer}, for an RVPS that authenticates readers.
 */
public class RvpsClient implements ReferenceValueSource {

    /** A name no one registers: querying it tells whether the RVPS answers (upstream probes the same way). */
    static final String HEALTH_PROBE_NAME = "__healthcheck__";

    private final HttpClient http;
    private final URI baseUrl;
    private final Duration readTimeout;
    private final JsonMapper json;
    private final Supplier<String> authorization;

    public RvpsClient(URI baseUrl, Duration connectTimeout, Duration readTimeout, JsonMapper json) {
        this(baseUrl, connectTimeout, readTimeout, json, null);
    }

    /**
     * @param authorization the value of the {@code Authorization} header of each call, or null for none
     */
    public RvpsClient(URI baseUrl, Duration connectTimeout, Duration readTimeout, JsonMapper json,
            Supplier<String> authorization) {
        this.http = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        String base = baseUrl.toString();
        this.baseUrl = URI.create(base.endsWith("/") ? base : base + "/");
        this.readTimeout = readTimeout;
        this.json = json;
        this.authorization = authorization;
    }

    @Override
    public Optional<JsonNode> find(String name) {
        URI uri = baseUrl.resolve("reference-values/" + UriUtils.encodePathSegment(name, StandardCharsets.UTF_8));
        HttpResponse<byte[]> response;
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(readTimeout)
                    .header("Accept", "application/json").GET();
            if (authorization != null) {
                request.header("Authorization", authorization.get());
            }
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new RvpsUnavailableException("RVPS at " + baseUrl + " unreachable: " + e, e);
        } catch (java.io.UncheckedIOException e) {
            throw new RvpsUnavailableException("no credential for the RVPS: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RvpsUnavailableException("interrupted while querying the RVPS", e);
        }
        return switch (response.statusCode()) {
            case 200 -> value(name, response.body());
            case 404 -> Optional.empty();
            case 401, 403 -> throw new RvpsUnavailableException("RVPS refused this AS's credential ("
                    + response.statusCode() + "); check arca.callers (or arca.as.rvps-token-file)");
            default -> throw new RvpsUnavailableException(
                    "RVPS answered " + response.statusCode() + " for reference value '" + name + "'");
        };
    }

    /**
     * Whether the RVPS answers queries (with this AS's credential).
     *
     * @throws RvpsUnavailableException with the reason when it does not
     */
    public void probe() {
        find(HEALTH_PROBE_NAME);
    }

    private Optional<JsonNode> value(String name, byte[] body) {
        JsonNode document;
        try {
            document = json.readTree(body);
        } catch (JacksonException e) {
            throw new RvpsUnavailableException("RVPS answered malformed JSON for '" + name + "'", e);
        }
        if (document == null || !document.isObject() || !document.has("value")) {
            throw new RvpsUnavailableException("RVPS answer for '" + name + "' lacks a value");
        }
        JsonNode value = document.get("value");
        return value.isNull() ? Optional.empty() : Optional.of(value);
    }
}
