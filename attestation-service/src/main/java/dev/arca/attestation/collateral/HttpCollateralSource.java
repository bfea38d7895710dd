package dev.arca.attestation.collateral;

import dev.arca.attestation.collateral.CollateralException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * Fetches collateral with an HTTP GET (Intel PCS/PCCS, AMD KDS, …). 200 is the document, 404 and 410 mean the
 * service has none for the key, anything else (429 rate limiting included, as AMD's KDS answers) means "try again
 * later". Bodies are read up to a size bound; the request has a deadline and redirects are not followed.
 *
 * @param <K> the key the verifier asks with
 */
public final class HttpCollateralSource<K> implements CollateralSource<K> {

    /** What a successful answer carried; some documents need a header too (Intel's issuer chains). */
    public record Response(URI uri, HttpHeaders headers, byte[] body) {
    }

    /** Turns a successful answer into the body the codec reads; the default keeps the body as is. */
    @FunctionalInterface
    public interface Packer<K> {
        byte[] pack(K key, Response response) throws CollateralException;
    }

    private final HttpClient http;
    private final Function<K, URI> url;
    private final long maxBodySize;
    private final Packer<K> packer;

    /** Use {@link CollateralProviders#httpSource} to get one with the configured connect timeout and size bound. */
    public HttpCollateralSource(HttpClient http, Function<K, URI> url, long maxBodySize, Packer<K> packer) {
        this.http = Objects.requireNonNull(http, "http");
        this.url = Objects.requireNonNull(url, "url");
        this.maxBodySize = maxBodySize;
        this.packer = Objects.requireNonNull(packer, "packer");
    }

    @Override
    public byte[] fetch(K key, Duration timeout) throws CollateralException {
        URI uri = url.apply(key);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw new CollateralException(Reason.UNAVAILABLE, "no answer from " + uri + " within " + timeout, e);
        } catch (IOException e) {
            throw new CollateralException(Reason.UNAVAILABLE, uri + " unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CollateralException(Reason.UNAVAILABLE, "interrupted while fetching " + uri, e);
        }
        try (InputStream in = response.body()) {
            int status = response.statusCode();
            if (status == 404 || status == 410) {
                throw new CollateralException(Reason.NOT_AVAILABLE, uri + " has no such collateral (" + status + ")");
            }
            if (status != 200) {
                throw new CollateralException(Reason.UNAVAILABLE, uri + " answered " + status);
            }
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodySize + 1));
            if (body.length > maxBodySize) {
                throw new CollateralException(Reason.INVALID,
                        uri + " answered more than " + maxBodySize + " bytes");
            }
            return packer.pack(key, new Response(uri, response.headers(), body));
        } catch (IOException e) {
            throw new CollateralException(Reason.UNAVAILABLE, "reading the answer of " + uri + " failed: "
                    + e.getMessage(), e);
        }
    }
}
