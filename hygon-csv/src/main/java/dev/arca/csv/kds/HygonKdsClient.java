package dev.arca.csv.kds;

import dev.arca.csv.CsvVerificationException;
import dev.arca.csv.CsvVerificationException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * Hygon's key distribution service over HTTP: {@code GET /hrk} serves the HRK certificate (the provenance csv-rs names
 * for its built-in copy) and {@code GET /hsk_cek?snumber=<chip id>} a chip's HSK followed by its CEK (Trustee csv
 * verifier {@code download_hskcek_from_kds}). One request per call, with a connect timeout and a request deadline; put
 * a cache in front (the attestation service's collateral chain).
 *
 * @see <a href="https://cert.hygon.cn/hrk">https://cert.hygon.cn/hrk</a>
 */
public final class HygonKdsClient implements HygonCertificateSource {

    /** Hygon's KDS. */
    public static final URI HYGON_KDS = URI.create("https://cert.hygon.cn");

    private final URI baseUrl;
    private final Duration requestTimeout;
    private final int maxBytes;
    private final HttpClient http;

    /**
     * @param baseUrl        the KDS, or a proxy serving the same paths
     * @param connectTimeout the most a connection may take
     * @param requestTimeout the most one request may take
     * @param maxBytes       the largest answer read
     */
    public HygonKdsClient(URI baseUrl, Duration connectTimeout, Duration requestTimeout, int maxBytes) {
        this.baseUrl = baseUrl;
        this.requestTimeout = requestTimeout;
        this.maxBytes = maxBytes;
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    @Override
    public byte[] hrk() throws CsvVerificationException {
        return get("/hrk");
    }

    @Override
    public byte[] hskCek(String chipId) throws CsvVerificationException {
        if (chipId == null || !chipId.matches("[A-Za-z0-9_-]{1,64}")) {
            throw CsvVerificationException.format("the chip id must be 1 to 64 letters, digits, '-' or '_'");
        }
        return get("/hsk_cek?snumber=" + chipId);
    }

    private byte[] get(String path) throws CsvVerificationException {
        String base = baseUrl.toString();
        URI uri = URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(requestTimeout)
                .header("Accept", "application/octet-stream, */*").GET().build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw unavailable("Hygon KDS did not answer " + uri + " in time");
        } catch (IOException e) {
            throw unavailable("Hygon KDS unreachable for " + uri + " (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted while asking Hygon KDS for " + uri);
        }
        try (InputStream body = response.body()) {
            int status = response.statusCode();
            if (status == 404) {
                throw CsvVerificationException.unknownToSource("Hygon KDS has nothing for " + uri + " (HTTP 404)");
            }
            if (status != 200) {
                throw unavailable("Hygon KDS answered HTTP " + status + " for " + uri);
            }
            byte[] bytes = body.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw unavailable("Hygon KDS answer for " + uri + " exceeds " + maxBytes + " bytes");
            }
            if (bytes.length == 0) {
                throw unavailable("Hygon KDS answered an empty body for " + uri);
            }
            return bytes;
        } catch (IOException e) {
            throw unavailable("reading the Hygon KDS answer for " + uri + " failed");
        }
    }

    private static CsvVerificationException unavailable(String message) {
        return new CsvVerificationException(Reason.CERTIFICATES_UNAVAILABLE, message);
    }
}
