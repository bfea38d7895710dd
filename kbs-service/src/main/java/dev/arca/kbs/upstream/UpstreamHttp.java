package dev.arca.kbs.upstream;

import dev.arca.kbs.config.KbsProperties;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.stereotype.Component;

/**
 * The one HTTP client for calls to the AS and the RVPS. Every call has a connect timeout and an overall deadline that
 * also bounds reading the body (no call without a deadline); redirects are not followed.
 */
@Component
public class UpstreamHttp {

    private final HttpClient client;
    private final Duration readTimeout;
    private final Duration deadline;

    public UpstreamHttp(KbsProperties properties) {
        this.readTimeout = properties.http().readTimeout();
        this.deadline = properties.http().connectTimeout().plus(readTimeout);
        this.client = HttpClient.newBuilder()
                .connectTimeout(properties.http().connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    public UpstreamResponse get(URI uri, String service) {
        return get(uri, null, service);
    }

    public UpstreamResponse get(URI uri, String authorization, String service) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET().header("Accept", "application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request, service);
    }

    public UpstreamResponse postJson(URI uri, byte[] json, String authorization, String service) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .POST(HttpRequest.BodyPublishers.ofByteArray(json))
                .header("Content-Type", "application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request, service);
    }

    private UpstreamResponse send(HttpRequest.Builder builder, String service) {
        HttpRequest request = builder.timeout(readTimeout).build();
        CompletableFuture<HttpResponse<byte[]>> call =
                client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        try {
            HttpResponse<byte[]> response = call.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
            return new UpstreamResponse(response.statusCode(), response.body(),
                    response.headers().firstValue("Content-Type"));
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new UpstreamUnavailableException(
                    service + " did not answer within " + deadline.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            throw new UpstreamUnavailableException("interrupted while calling the " + service, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            String why = cause instanceof HttpTimeoutException ? "timed out"
                    : cause instanceof IOException ? "is unreachable" : "failed";
            throw new UpstreamUnavailableException(service + " " + why, cause);
        }
    }

    /** {@code base} + {@code path}, whether or not the configured base URL ends with a slash. */
    public static URI endpoint(URI base, String path) {
        String text = base.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return URI.create(text + path);
    }
}
