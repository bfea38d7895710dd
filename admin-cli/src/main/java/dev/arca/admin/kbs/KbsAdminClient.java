package dev.arca.admin.kbs;

import dev.arca.model.error.ErrorInformation;
import dev.arca.model.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import java.util.function.Supplier;

/**
 * Calls an admin API (the KBS's, docs/architecture.md, kbs-service; or the AS's and RVPS's own): every request
 * carries {@code Authorization: Bearer <token>} (a fresh admin JWT, or one made elsewhere), a connect timeout and a
 * request deadline.
 */
public final class KbsAdminClient {

    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_BODY_BYTES = 4 * 1024 * 1024;
    private static final int MAX_DETAIL = 300;
    /** A problem detail is shown whole (a compiler's message spans lines and ends with its ^ marker), up to this. */
    private static final int MAX_PROBLEM_DETAIL = 16 * 1024;

    private final String baseUrl;
    private final Supplier<String> bearerToken;
    private final HttpClient client;

    public KbsAdminClient(URI kbsUrl, Supplier<String> bearerToken) {
        this(kbsUrl, bearerToken, null);
    }

    /** {@code tls}: the trust for https:// URLs (see {@link TrustedCertificates}); null for the JDK's default. */
    public KbsAdminClient(URI kbsUrl, Supplier<String> bearerToken, SSLContext tls) {
        String base = kbsUrl.toString();
        this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.bearerToken = bearerToken;
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER);
        if (tls != null) {
            builder.sslContext(tls);
        }
        this.client = builder.build();
    }

    public AdminResponse postJson(String path, Object body) throws AdminCallException {
        return send("POST", path, "application/json", Json.writeBytes(body));
    }

    public AdminResponse post(String path, String contentType, byte[] body) throws AdminCallException {
        return send("POST", path, contentType, body);
    }

    public AdminResponse put(String path, String contentType, byte[] body) throws AdminCallException {
        return send("PUT", path, contentType, body);
    }

    public AdminResponse putJson(String path, Object body) throws AdminCallException {
        return send("PUT", path, "application/json", Json.writeBytes(body));
    }

    public AdminResponse get(String path) throws AdminCallException {
        return send("GET", path, null, null);
    }

    public AdminResponse delete(String path) throws AdminCallException {
        return send("DELETE", path, null, null);
    }

    private AdminResponse send(String method, String path, String contentType, byte[] body)
            throws AdminCallException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + bearerToken.get())
                .header("Accept", "application/json, text/plain;q=0.9, */*;q=0.5")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        HttpResponse<InputStream> response;
        byte[] answer;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                answer = in.readNBytes(MAX_BODY_BYTES);
            }
        } catch (HttpTimeoutException e) {
            throw new AdminCallException("no answer from " + baseUrl + " within " + REQUEST_TIMEOUT.toSeconds()
                    + " s", 0, e);
        } catch (IOException e) {
            throw new AdminCallException("cannot reach " + baseUrl + ": " + describe(e), 0, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdminCallException("interrupted", 0, e);
        }
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (response.statusCode() / 100 != 2) {
            throw new AdminCallException(describeFailure(response.statusCode(), answer), response.statusCode(), null);
        }
        return new AdminResponse(response.statusCode(), type, answer);
    }

    /**
     * "HTTP 403 <problem detail>": the detail whole, its lines kept (a policy compiler's message points at the
     * error with a ^ under the policy's line); else the title; else one line of the body text.
     */
    static String describeFailure(int status, byte[] body) {
        String detail = null;
        try {
            ErrorInformation problem = Json.read(body, ErrorInformation.class);
            if (problem != null) {
                detail = problem.detail() != null ? problem.detail() : problem.title();
            }
        } catch (RuntimeException notAProblem) {
            // not a problem+json body: the text below is all there is
        }
        String text = detail != null ? lines(detail) : oneLine(new String(body, StandardCharsets.UTF_8));
        return text.isEmpty() ? "HTTP " + status : "HTTP " + status + " " + text;
    }

    /** Keeps line breaks and tabs, drops every other control character (no terminal escapes from a server). */
    private static String lines(String text) {
        String clean = text.replace("\r\n", "\n").replaceAll("[\\p{Cntrl}&&[^\n\t]]+", " ").strip();
        return clean.length() > MAX_PROBLEM_DETAIL ? clean.substring(0, MAX_PROBLEM_DETAIL) + "…" : clean;
    }

    /** The first message in the cause chain; the JDK client often wraps a message-less ConnectException. */
    private static String describe(IOException e) {
        boolean refused = false;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SSLException) {
                return "TLS failed (" + (t.getMessage() == null ? "handshake" : oneLine(t.getMessage())
                        .replaceAll("[a-z]+(\\.[a-z]+)+\\.[A-Z][A-Za-z]*Exception: ", "")) + "); if the server's "
                        + "certificate comes from a private CA, give that CA with --kbs-cert";
            }
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return oneLine(t.getMessage());
            }
            refused |= t instanceof ConnectException;
        }
        return refused ? "connection refused" : e.getClass().getSimpleName();
    }

    private static String oneLine(String text) {
        String clean = text.replaceAll("\\p{Cntrl}+", " ").strip();
        return clean.length() > MAX_DETAIL ? clean.substring(0, MAX_DETAIL) + "…" : clean;
    }
}
