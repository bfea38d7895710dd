package dev.arca.agent.cocoas;

import dev.arca.agent.attester.Attester;
import dev.arca.agent.attester.AttesterException;
import dev.arca.model.as.AttestationRequest;
import dev.arca.model.as.VerificationRequest;
import dev.arca.model.json.Base64s;
import dev.arca.model.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Upstream's {@code coco_as} token type (guest-components kbs_protocol): evidence made with empty report data is posted
 * straight to an attestation service, {@code POST {url}/attestation {"verification_requests": [{"tee", "evidence":
 * b64url(evidence JSON)}], "policy_ids": []}}, and the answer text is the token. No nonce and no key are bound, so
 * the token only says what the TEE is, not that this request came from it.
 */
public final class CocoAsTokenClient {

    private static final int MAX_TOKEN = 1024 * 1024;

    private final URI attestationUrl;
    private final HttpClient client;
    private final Duration requestTimeout;

    public CocoAsTokenClient(URI asUrl, Duration connectTimeout, Duration requestTimeout) {
        String base = asUrl.toString();
        this.attestationUrl = URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base)
                + "/attestation");
        this.client = HttpClient.newBuilder().connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.requestTimeout = requestTimeout;
    }

    /** A token for {@code attester}'s evidence; failures name the attestation service's answer. */
    public String token(Attester attester) throws CocoAsException {
        String evidence;
        try {
            evidence = Json.write(attester.evidence(new byte[0]));
        } catch (AttesterException e) {
            throw new CocoAsException(attester.tee() + " evidence: " + e.getMessage(), e);
        }
        AttestationRequest body = new AttestationRequest(List.of(new VerificationRequest(attester.tee().wireName(),
                Base64s.url(evidence.getBytes(StandardCharsets.UTF_8)), null, null, null)), List.of());
        HttpRequest request = HttpRequest.newBuilder(attestationUrl).timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.writeBytes(body))).build();
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            byte[] answer;
            try (InputStream in = response.body()) {
                answer = in.readNBytes(MAX_TOKEN + 1);
            }
            String text = new String(answer, 0, Math.min(answer.length, MAX_TOKEN), StandardCharsets.UTF_8).strip();
            if (response.statusCode() != 200) {
                throw new CocoAsException("attestation service answered HTTP " + response.statusCode() + ": "
                        + oneLine(text), null);
            }
            if (answer.length > MAX_TOKEN || text.isEmpty()) {
                throw new CocoAsException("attestation service answer is not a token", null);
            }
            return text;
        } catch (IOException e) {
            throw new CocoAsException("cannot reach the attestation service at " + attestationUrl + ": "
                    + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CocoAsException("interrupted", e);
        }
    }

    private static String oneLine(String text) {
        String clean = text.replaceAll("\\p{Cntrl}+", " ").strip();
        return clean.length() > 300 ? clean.substring(0, 300) + "…" : clean;
    }

    /** The coco_as token could not be obtained. */
    public static final class CocoAsException extends Exception {
        public CocoAsException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
