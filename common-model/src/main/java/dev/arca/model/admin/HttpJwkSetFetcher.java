package dev.arca.model.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Fetches a JWK set from an http(s) URL with the JDK client: connect and read timeouts, no redirects (a redirect
 * could move trust to another host), a 2xx answer only.
 */
public final class HttpJwkSetFetcher implements JwkSetCache.Fetcher {

    private final URI uri;
    private final HttpClient client;
    private final Duration readTimeout;

    public HttpJwkSetFetcher(URI uri, Duration connectTimeout, Duration readTimeout) {
        if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
            throw new IllegalArgumentException("a JWK set URL must be http(s): " + uri);
        }
        this.uri = uri;
        this.readTimeout = readTimeout;
        this.client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public String fetch() {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(readTimeout)
                .header("Accept", "application/jwk-set+json, application/json").GET().build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot fetch " + uri + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while fetching " + uri, e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(uri + " answered status " + response.statusCode());
        }
        return response.body();
    }
}
