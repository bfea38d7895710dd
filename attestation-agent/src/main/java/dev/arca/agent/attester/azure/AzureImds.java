package dev.arca.agent.attester.azure;

import dev.arca.agent.attester.AttesterException;
import dev.arca.model.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Azure Instance Metadata Service endpoints the vTPM attesters need (guest-components Azure vTPM attesters): the
 * VCEK certificate of an SNP CVM ({@code GET /metadata/THIM/amd/certification}, header {@code Metadata: true}) and the
 * TD quote for a TDREPORT ({@code POST /acc/tdquote {"report": b64url}} → {@code {"quote": b64url}}). Link-local HTTP,
 * so short deadlines.
 */
public final class AzureImds {

    public static final URI DEFAULT_URL = URI.create("http://169.254.169.254");
    public static final String URL_PROPERTY = "arca.agent.azure-imds-url";

    private static final int MAX_ANSWER = 1024 * 1024;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);

    private final String base;
    private HttpClient client;

    public AzureImds(URI base) {
        String text = base.toString();
        this.base = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    /** Made on first use: most hosts are not Azure CVMs and never call the IMDS. */
    private synchronized HttpClient client() {
        if (client == null) {
            client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                    .followRedirects(HttpClient.Redirect.NEVER).build();
        }
        return client;
    }

    public static AzureImds fromSystemProperties() {
        return new AzureImds(URI.create(System.getProperty(URL_PROPERTY, DEFAULT_URL.toString())));
    }

    /** The VCEK of this CVM's processor, DER-encoded. */
    public byte[] vcekDer() throws AttesterException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/metadata/THIM/amd/certification"))
                .timeout(REQUEST_TIMEOUT).header("Metadata", "true").GET().build();
        JsonNode answer = exchange(request, "VCEK certificate");
        JsonNode pem = answer.get("vcekCert");
        if (pem == null || !pem.isString()) {
            throw new AttesterException("Azure IMDS certification answer has no vcekCert");
        }
        return firstCertificateDer(pem.asString());
    }

    /** The TD quote Azure's quoting service produces for a TDREPORT. */
    public byte[] tdQuote(byte[] tdReport) throws AttesterException {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("report", Base64.getUrlEncoder().withoutPadding().encodeToString(tdReport));
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/acc/tdquote"))
                .timeout(REQUEST_TIMEOUT).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.writeBytes(body))).build();
        JsonNode quote = exchange(request, "TD quote").get("quote");
        if (quote == null || !quote.isString()) {
            throw new AttesterException("Azure IMDS TD quote answer has no quote");
        }
        try {
            return Base64.getUrlDecoder().decode(quote.asString());
        } catch (IllegalArgumentException e) {
            throw new AttesterException("Azure IMDS TD quote is not base64url", e);
        }
    }

    private JsonNode exchange(HttpRequest request, String what) throws AttesterException {
        try {
            HttpResponse<InputStream> response = client().send(request, HttpResponse.BodyHandlers.ofInputStream());
            byte[] body;
            try (InputStream in = response.body()) {
                body = in.readNBytes(MAX_ANSWER + 1);
            }
            if (body.length > MAX_ANSWER) {
                throw new AttesterException("Azure IMDS " + what + " answer is too large");
            }
            if (response.statusCode() != 200) {
                throw new AttesterException("Azure IMDS " + what + " request answered HTTP " + response.statusCode());
            }
            JsonNode json = Json.MAPPER.readTree(body);
            if (json == null || !json.isObject()) {
                throw new AttesterException("Azure IMDS " + what + " answer is not a JSON object");
            }
            return json;
        } catch (IOException e) {
            throw new AttesterException("cannot reach Azure IMDS at " + base + " for the " + what + ": "
                    + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AttesterException("interrupted while asking Azure IMDS for the " + what, e);
        } catch (RuntimeException e) {
            throw new AttesterException("Azure IMDS " + what + " answer is not JSON", e);
        }
    }

    static byte[] firstCertificateDer(String pem) throws AttesterException {
        String begin = "-----BEGIN CERTIFICATE-----";
        int start = pem.indexOf(begin);
        int end = pem.indexOf("-----END CERTIFICATE-----", start + 1);
        if (start < 0 || end < 0) {
            throw new AttesterException("Azure IMDS vcekCert is not a PEM certificate");
        }
        String body = pem.substring(start + begin.length(), end).replaceAll("\\s+", "");
        try {
            return Base64.getDecoder().decode(body.getBytes(StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw new AttesterException("Azure IMDS vcekCert is not valid PEM", e);
        }
    }
}
