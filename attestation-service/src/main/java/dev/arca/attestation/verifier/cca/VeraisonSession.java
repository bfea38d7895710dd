package dev.arca.attestation.verifier.cca;

import dev.arca.attestation.verifier.VerificationException;
import dev.arca.attestation.verifier.VerificationException.Failure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Base64;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A client of Veraison's challenge-response API (veraison/docs api/challenge-response), in relying-party mode: the
 * caller's nonce goes into {@code POST /challenge-response/v1/newSession?nonce=<base64url>}, the token is posted to
 * the session the {@code Location} header names, and the session is read again until it is {@code complete} (the
 * answer to the post may already be) or {@code failed}. The attestation result, an EAR JWT, is returned unverified:
 * {@link VeraisonEar} checks it. Every call has a connect and a read timeout and the whole exchange a deadline;
 * redirects are not followed. Anything but the expected answer fails closed.
 */
final class VeraisonSession {

    /** The media type of a CCA token collection (Trustee cca verifier, remote mode; Veraison's arm-cca scheme). */
    static final String CCA_MEDIA_TYPE = "application/eat-collection; profile=\"http://arm.com/CCA-SSD/1.0.0\"";
    static final String SESSION_MEDIA_TYPE = "application/vnd.veraison.challenge-response-session+json";
    /** Veraison answers are small JSON documents; a larger one is not an answer. */
    private static final int MAX_ANSWER_BYTES = 256 * 1024;

    private static final System.Logger log = System.getLogger(VeraisonSession.class.getName());

    private final HttpClient http;
    private final URI newSession;
    private final CcaProperties.Remote settings;
    private final JsonMapper json;

    VeraisonSession(CcaProperties.Remote settings, JsonMapper json) {
        String base = settings.url().toString();
        this.newSession = URI.create(base.endsWith("/") ? base : base + "/")
                .resolve("challenge-response/v1/newSession");
        this.settings = settings;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * @param nonce the session nonce (8 to 64 bytes): the expected report data, which the realm challenge must equal
     * @return the EAR JWT of the completed session
     */
    String appraise(byte[] token, byte[] nonce) throws VerificationException {
        Instant deadline = Instant.now().plus(settings.deadline());
        String encodedNonce = Base64.getUrlEncoder().withoutPadding().encodeToString(nonce);
        HttpResponse<byte[]> created = send(HttpRequest.newBuilder(URI.create(newSession + "?nonce=" + encodedNonce))
                .POST(HttpRequest.BodyPublishers.noBody()), "create a session");
        if (created.statusCode() != 201) {
            throw refused("create a session", created);
        }
        URI session = created.headers().firstValue("Location").map(newSession::resolve).orElseThrow(
                () -> unusable("Veraison created a session without a Location"));
        try {
            JsonNode state = session(created, "the new session");
            // the session must carry our nonce: a session with another one cannot vouch for this evidence's freshness
            if (!java.util.Arrays.equals(nonce, base64(text(state, "nonce")))) {
                throw new VerificationException(Failure.REPORT_DATA_MISMATCH,
                        "Veraison opened a session with another nonce than the expected report data");
            }
            HttpResponse<byte[]> submitted = send(HttpRequest.newBuilder(session)
                    .header("Content-Type", CCA_MEDIA_TYPE)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(token)), "submit the evidence");
            if (submitted.statusCode() / 100 == 4) {
                // Veraison could not take the token (it does not decode, or the media type is not served)
                log.log(System.Logger.Level.INFO, "Veraison refused CCA evidence: {0} {1}", submitted.statusCode(),
                        printable(submitted.body()));
                throw new VerificationException(Failure.MALFORMED_EVIDENCE,
                        "the Veraison verifier refused the CCA token (HTTP " + submitted.statusCode() + ")");
            }
            if (submitted.statusCode() != 200 && submitted.statusCode() != 202) {
                throw refused("submit the evidence", submitted);
            }
            state = session(submitted, "the session");
            while (!"complete".equals(text(state, "state"))) {
                String current = text(state, "state");
                if ("failed".equals(current)) {
                    throw new VerificationException(Failure.SIGNATURE_INVALID,
                            "the Veraison verifier could not appraise the CCA token (session failed)");
                }
                if (!"processing".equals(current) && !"waiting".equals(current)) {
                    throw unusable("Veraison reported the unknown session state '" + printable(current) + "'");
                }
                if (Instant.now().plus(settings.pollInterval()).isAfter(deadline)) {
                    throw new VerificationException(Failure.COLLATERAL_UNAVAILABLE,
                            "the Veraison verifier did not complete the appraisal within " + settings.deadline());
                }
                pause();
                HttpResponse<byte[]> polled = send(HttpRequest.newBuilder(session).GET(), "read the session");
                if (polled.statusCode() != 200) {
                    throw refused("read the session", polled);
                }
                state = session(polled, "the session");
            }
            JsonNode result = state.get("result");
            if (result == null || !result.isString()) {
                throw unusable("Veraison's completed session has no attestation result (EAR) string");
            }
            return result.stringValue();
        } finally {
            close(session);
        }
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request, String step) throws VerificationException {
        try {
            HttpResponse<byte[]> response = http.send(request.timeout(settings.readTimeout())
                    .header("Accept", SESSION_MEDIA_TYPE).build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.body() != null && response.body().length > MAX_ANSWER_BYTES) {
                throw unusable("Veraison's answer to " + step + " is larger than " + MAX_ANSWER_BYTES + " bytes");
            }
            return response;
        } catch (IOException e) {
            throw new VerificationException(Failure.COLLATERAL_UNAVAILABLE, "the Veraison verifier at "
                    + settings.url() + " did not answer (" + step + "): " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VerificationException(Failure.COLLATERAL_UNAVAILABLE, "interrupted while calling Veraison", e);
        }
    }

    private JsonNode session(HttpResponse<byte[]> response, String what) throws VerificationException {
        try {
            JsonNode node = json.readTree(response.body());
            if (node == null || !node.isObject()) {
                throw unusable("Veraison's answer for " + what + " is not a JSON object");
            }
            return node;
        } catch (JacksonException e) {
            throw unusable("Veraison's answer for " + what + " is not JSON");
        }
    }

    private static String text(JsonNode node, String member) throws VerificationException {
        JsonNode value = node.get(member);
        if (value == null || !value.isString()) {
            throw unusable("Veraison's session lacks '" + member + "'");
        }
        return value.stringValue();
    }

    /** Veraison writes the nonce base64url without padding; tolerate padding and the standard alphabet. */
    private static byte[] base64(String text) {
        try {
            return Base64.getUrlDecoder().decode(text.replace('+', '-').replace('/', '_').replace("=", ""));
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    private void pause() throws VerificationException {
        try {
            Thread.sleep(settings.pollInterval());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VerificationException(Failure.COLLATERAL_UNAVAILABLE, "interrupted while polling Veraison", e);
        }
    }

    /** Best effort: Veraison collects expired sessions anyway (its API's step 4). */
    private void close(URI session) {
        try {
            http.send(HttpRequest.newBuilder(session).timeout(settings.readTimeout()).DELETE().build(),
                    HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            log.log(System.Logger.Level.DEBUG, "could not delete Veraison session {0}: {1}", session, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A status the protocol does not allow here: the verifier's (or its configuration's) problem, retry later. */
    private static VerificationException refused(String step, HttpResponse<byte[]> response) {
        log.log(System.Logger.Level.WARNING, "Veraison answered {0} to ''{1}'': {2}", response.statusCode(), step,
                printable(response.body()));
        return new VerificationException(Failure.COLLATERAL_UNAVAILABLE,
                "the Veraison verifier answered HTTP " + response.statusCode() + " when asked to " + step);
    }

    static VerificationException unusable(String reason) {
        return new VerificationException(Failure.COLLATERAL_UNAVAILABLE, reason);
    }

    private static String printable(byte[] body) {
        return body == null ? "" : printable(new String(body, 0, Math.min(body.length, 300),
                java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String printable(String text) {
        return text.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
