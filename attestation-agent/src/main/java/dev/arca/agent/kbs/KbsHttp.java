package dev.arca.agent.kbs;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * HTTP exchanges with one KBS (guest-components kbs_protocol): a base URL, a connect timeout on the client, a deadline
 * on every request, and a bound on what a KBS answer may make this process hold in memory.
 */
final class KbsHttp {

    /** Far above any secret or token; a longer answer is refused rather than buffered. */
    static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

    private static final String USER_AGENT = "arca-attestation-agent/0.1.0";

    record Response(int status, byte[] body, HttpHeaders headers) {
    }

    /** What authenticates a request: the session cookie and/or a bearer token. */
    record Credentials(Optional<String> cookie, Optional<String> bearer) {
        static final Credentials NONE = new Credentials(Optional.empty(), Optional.empty());

        static Credentials cookie(Optional<String> cookie) {
            return new Credentials(cookie, Optional.empty());
        }

        static Credentials bearer(String token) {
            return new Credentials(Optional.empty(), Optional.of(token));
        }
    }

    private final String baseUrl;
    private final HttpClient client;
    private final Duration requestTimeout;

    KbsHttp(URI baseUrl, HttpClient client, Duration requestTimeout) {
        String base = baseUrl.toString();
        this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.client = client;
        this.requestTimeout = requestTimeout;
    }

    String baseUrl() {
        return baseUrl;
    }

    Response postJson(KbsStep step, String path, byte[] json, Credentials credentials) throws KbsException {
        HttpRequest.Builder request = request(path, credentials)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json));
        return send(step, request.build());
    }

    Response get(KbsStep step, String path, Credentials credentials) throws KbsException {
        return send(step, request(path, credentials).GET().build());
    }

    private HttpRequest.Builder request(String path, Credentials credentials) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(requestTimeout)
                .header("User-Agent", USER_AGENT)
                .header("Accept", "application/json");
        credentials.cookie().ifPresent(c -> builder.header("Cookie", c));
        credentials.bearer().ifPresent(t -> builder.header("Authorization", "Bearer " + t));
        return builder;
    }

    private Response send(KbsStep step, HttpRequest request) throws KbsException {
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
                if (body.length > MAX_BODY_BYTES) {
                    throw new KbsException(step, "KBS answer exceeds " + MAX_BODY_BYTES + " bytes");
                }
                return new Response(response.statusCode(), body, response.headers());
            }
        } catch (HttpTimeoutException e) {
            throw new KbsException(step, "KBS at " + baseUrl + " did not answer within "
                    + requestTimeout.toSeconds() + " s", e);
        } catch (IOException e) {
            throw new KbsException(step, "cannot reach KBS at " + baseUrl + ": " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KbsException(step, "interrupted", e);
        }
    }

    /**
     * The first message in the cause chain; the JDK client often wraps a message-less ConnectException. A TLS
     * failure says so, since "certificate not trusted" is what an operator must act on.
     */
    static String describe(IOException e) {
        boolean refused = false;
        boolean tls = false;
        for (Throwable t = e; t != null; t = t.getCause()) {
            tls |= t instanceof SSLException;
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return (tls ? "TLS: " : "") + KbsProblem.oneLine(t.getMessage());
            }
            refused |= t instanceof ConnectException;
        }
        return refused ? "connection refused" : e.getClass().getSimpleName();
    }

    /** Worth another try later: no answer at all (but not a TLS rejection), or a KBS-side 5xx/429. */
    static boolean transientFailure(KbsException e) {
        if (e.httpStatus() != 0) {
            return e.httpStatus() >= 500 || e.httpStatus() == 429;
        }
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof SSLException) {
                return false;
            }
        }
        return e.getCause() instanceof IOException;
    }
}
