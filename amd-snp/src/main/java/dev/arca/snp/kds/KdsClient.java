package dev.arca.snp.kds;

import dev.arca.snp.SnpVerificationException;
import dev.arca.snp.SnpVerificationException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;

/**
 * AMD's Key Distribution Service over HTTP (AMD pub. 57230): {@code GET /vcek/v1/{product}/{hwid}?blSPL=..},
 * {@code /vcek/v1/{product}/cert_chain}, {@code /vlek/v1/{product}/cert_chain}, {@code /vcek/v1/{product}/crl}. VLEKs
 * cannot be fetched: the evidence must carry them. The KDS rate-limits hard (HTTP 429): put a cache in front
 * ({@link VerifiedCertificateCache} in memory, the attestation service's persistent collateral chain across restarts
 * and replicas); this client makes exactly one request per call, with a connect timeout and a request deadline.
 */
public final class KdsClient implements CertificateSource {

    private final KdsSettings settings;
    private final HttpClient http;

    public KdsClient(KdsSettings settings) {
        this(settings, HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build());
    }

    KdsClient(KdsSettings settings, HttpClient http) {
        this.settings = settings;
        this.http = http;
    }

    public URI uri(KdsRequest request) {
        String base = settings.baseUrl().toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + request.path());
    }

    @Override
    public byte[] fetch(KdsRequest request) throws SnpVerificationException {
        URI uri = uri(request);
        HttpRequest get = HttpRequest.newBuilder(uri)
                .timeout(settings.requestTimeout())
                .header("Accept", "application/octet-stream, application/x-pem-file, application/pkix-crl, */*")
                .GET()
                .build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(get, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw unavailable("AMD KDS did not answer " + uri + " in time");
        } catch (IOException e) {
            throw unavailable("AMD KDS unreachable for " + uri + " (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted while asking AMD KDS for " + uri);
        }
        try (InputStream body = response.body()) {
            int status = response.statusCode();
            if (status == 429) {
                throw unavailable("AMD KDS rate-limited " + uri + " (HTTP 429, retry after "
                        + response.headers().firstValue("Retry-After").orElse("?") + ")");
            }
            if (status == 404) {
                throw SnpVerificationException.unknownToSource("AMD KDS has nothing for " + uri + " (HTTP 404)");
            }
            if (status != 200) {
                throw unavailable("AMD KDS answered HTTP " + status + " for " + uri);
            }
            byte[] bytes = body.readNBytes(settings.maxBytes() + 1);
            if (bytes.length > settings.maxBytes()) {
                throw unavailable("AMD KDS answer for " + uri + " exceeds " + settings.maxBytes() + " bytes");
            }
            if (bytes.length == 0) {
                throw unavailable("AMD KDS answered an empty body for " + uri);
            }
            return bytes;
        } catch (IOException e) {
            throw unavailable("reading AMD KDS answer for " + uri + " failed");
        }
    }

    private static SnpVerificationException unavailable(String message) {
        return new SnpVerificationException(Reason.CERTIFICATES_UNAVAILABLE, message);
    }
}
