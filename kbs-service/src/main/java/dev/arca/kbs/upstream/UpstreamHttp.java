package dev.arca.kbs.upstream;

import dev.arca.kbs.config.KbsProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The one HTTP client for calls to the AS and the RVPS. Every call has a connect timeout and an overall deadline that
 * also bounds reading the body (no call without a deadline); redirects are not followed; a lost connection is tried
 * once more within that deadline.
 *
 * <p>A blocking client (Apache HttpClient 5, classic API) that runs on the calling virtual thread: the JDK's
 * {@code HttpClient} handed every call to its selector thread and its executor and back, which cost the KBS 150–250 µs
 * of CPU per call against 45–100 µs this way (docs/performance.md, "Third round"). Connections are pooled and kept
 * alive; TLS uses the JVM's default context, as before ({@code javax.net.ssl.*} properties apply).
 */
@Component
public class UpstreamHttp implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(UpstreamHttp.class);
    /** A first attempt and one more after a lost connection. */
    private static final int ATTEMPTS = 2;
    /**
     * Concurrent calls to one upstream (each guest's /attest holds one while the AS appraises); beyond it a call waits
     * for a connection, at most the connect timeout.
     */
    private static final int MAX_CONNECTIONS = 256;
    /** A pooled connection idle for longer is checked before reuse (the server may have closed it meanwhile). */
    private static final TimeValue VALIDATE_AFTER_IDLE = TimeValue.ofSeconds(2);
    private static final ContentType JSON = ContentType.create("application/json");
    /**
     * The largest answer read from an upstream (tokens, problems, reference values and policies are kilobytes): a
     * larger one is refused rather than held in memory.
     */
    static final int MAX_ANSWER_BYTES = 16 * 1024 * 1024;

    private final CloseableHttpClient client;
    private final Duration deadline;
    /** Cancels a call at its deadline: one daemon thread for all calls, idle while nothing is due. */
    private final ScheduledThreadPoolExecutor deadlines;

    public UpstreamHttp(KbsProperties properties) {
        Duration connectTimeout = properties.http().connectTimeout();
        Duration readTimeout = properties.http().readTimeout();
        this.deadline = connectTimeout.plus(readTimeout);
        this.deadlines = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "upstream-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        this.deadlines.setRemoveOnCancelPolicy(true);
        SSLContext tls;
        try {
            tls = SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no default TLS context", e);
        }
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(MAX_CONNECTIONS)
                        .setMaxConnPerRoute(MAX_CONNECTIONS)
                        .setTlsSocketStrategy(new DefaultClientTlsStrategy(tls))
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(connectTimeout))
                                .setSocketTimeout(Timeout.of(readTimeout))
                                .setValidateAfterInactivity(VALIDATE_AFTER_IDLE)
                                .build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(Timeout.of(connectTimeout))
                        .setResponseTimeout(Timeout.of(readTimeout))
                        .setRedirectsEnabled(false)
                        .build())
                .disableRedirectHandling()
                // the one retry after a lost connection is ours (send), within the deadline
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .build();
    }

    public UpstreamResponse get(URI uri, String service) {
        return get(uri, null, service);
    }

    public UpstreamResponse get(URI uri, String authorization, String service) {
        return send(() -> {
            HttpGet request = new HttpGet(uri);
            request.setHeader("Accept", "application/json");
            return authorized(request, authorization);
        }, service);
    }

    public UpstreamResponse postJson(URI uri, byte[] json, String authorization, String service) {
        return send(() -> {
            HttpPost request = new HttpPost(uri);
            request.setEntity(new ByteArrayEntity(json, JSON));
            return authorized(request, authorization);
        }, service);
    }

    private static HttpUriRequestBase authorized(HttpUriRequestBase request, String authorization) {
        if (authorization != null) {
            request.setHeader("Authorization", authorization);
        }
        return request;
    }

    /** A new request per attempt: a cancelled request cannot be sent again. */
    private interface Attempt {
        HttpUriRequestBase request();
    }

    /**
     * Sends with one immediate second attempt when the first lost its connection (refused, reset or closed before
     * the answer): behind a Service or a load balancer that is a replica that died or is restarting, and the next
     * connection reaches another. Every call here may be repeated — an appraisal changes nothing, a policy upload or a
     * reference-value registration with the same body ends in the same state. A timeout is not retried: the caller's
     * deadline ({@code connect + read timeout}) covers both attempts together, and an attempt still running at the
     * deadline is cancelled (its connection closed), however slowly the answer trickles in.
     */
    private UpstreamResponse send(Attempt attempt, String service) {
        long giveUp = System.nanoTime() + deadline.toNanos();
        for (int tries = 1; ; tries++) {
            HttpUriRequestBase request = attempt.request();
            ScheduledFuture<?> cutOff = deadlines.schedule(request::cancel,
                    Math.max(1, giveUp - System.nanoTime()), TimeUnit.NANOSECONDS);
            try {
                return client.execute(request, response -> {
                    byte[] body = bounded(response.getEntity(), service);
                    return new UpstreamResponse(response.getCode(), body,
                            Optional.ofNullable(response.getFirstHeader("Content-Type")).map(Header::getValue));
                });
            } catch (IOException e) {
                // cancel() fails only once the cut-off has run: then the deadline, not the upstream, ended the call
                if (!cutOff.cancel(false) || Thread.currentThread().isInterrupted()) {
                    if (Thread.currentThread().isInterrupted()) {
                        throw new UpstreamUnavailableException("interrupted while calling the " + service, e);
                    }
                    throw new UpstreamUnavailableException(
                            service + " did not answer within " + deadline.toSeconds() + " s", e);
                }
                boolean timedOut = e instanceof InterruptedIOException;
                if (!timedOut && tries < ATTEMPTS && System.nanoTime() < giveUp) {
                    log.info("the {} connection was lost ({}); trying once more", service,
                            e.getClass().getSimpleName());
                    continue;
                }
                throw new UpstreamUnavailableException(service + (timedOut ? " timed out" : " is unreachable"), e);
            } finally {
                cutOff.cancel(false);
            }
        }
    }

    private static byte[] bounded(HttpEntity entity, String service) throws IOException {
        if (entity == null) {
            return new byte[0];
        }
        if (entity.getContentLength() > MAX_ANSWER_BYTES) {
            throw tooLarge(service);
        }
        try (InputStream in = entity.getContent()) {
            byte[] body = in.readNBytes(MAX_ANSWER_BYTES + 1);
            if (body.length > MAX_ANSWER_BYTES) {
                throw tooLarge(service);
            }
            return body;
        }
    }

    private static UpstreamUnavailableException tooLarge(String service) {
        return new UpstreamUnavailableException(service + " answered with more than "
                + MAX_ANSWER_BYTES / (1024 * 1024) + " MiB", null);
    }

    @Override
    public void close() {
        client.close(CloseMode.GRACEFUL);
        deadlines.shutdownNow();
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
