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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The one HTTP client for calls to the AS and the RVPS. Every call has a connect timeout and an overall deadline that
 * also bounds reading the body (no call without a deadline); redirects are not followed; a lost connection is tried
 * once more within that deadline.
 */
@Component
public class UpstreamHttp {

    private static final Logger log = LoggerFactory.getLogger(UpstreamHttp.class);
    /** A first attempt and one more after a lost connection. */
    private static final int ATTEMPTS = 2;

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

    /**
     * Sends with one immediate second attempt when the first lost its connection (refused, reset or closed before
     * the answer): behind a Service or a load balancer that is a replica that died or is restarting, and the next
     * connection reaches another. Every call here may be repeated — an appraisal changes nothing, a policy upload or a
     * reference-value registration with the same body ends in the same state. A timeout is not retried: the caller's
     * deadline ({@code connect + read timeout}) covers both attempts together.
     */
    private UpstreamResponse send(HttpRequest.Builder builder, String service) {
        HttpRequest request = builder.timeout(readTimeout).build();
        long giveUp = System.nanoTime() + deadline.toNanos();
        for (int attempt = 1; ; attempt++) {
            CompletableFuture<HttpResponse<byte[]>> call =
                    client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
            try {
                HttpResponse<byte[]> response = call.get(Math.max(1, giveUp - System.nanoTime()), TimeUnit.NANOSECONDS);
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
                boolean lostConnection = cause instanceof IOException && !(cause instanceof HttpTimeoutException);
                if (lostConnection && attempt < ATTEMPTS && System.nanoTime() < giveUp) {
                    log.info("the {} connection was lost ({}); trying once more", service,
                            cause.getClass().getSimpleName());
                    continue;
                }
                String why = cause instanceof HttpTimeoutException ? "timed out"
                        : cause instanceof IOException ? "is unreachable" : "failed";
                throw new UpstreamUnavailableException(service + " " + why, cause);
            }
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
