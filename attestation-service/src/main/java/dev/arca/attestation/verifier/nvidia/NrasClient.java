package dev.arca.attestation.verifier.nvidia;

import dev.arca.attestation.verifier.VerificationException;
import dev.arca.attestation.verifier.VerificationException.Failure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * Posts one device's evidence to NVIDIA's Remote Attestation Service ({@code POST {url}/gpu} or {@code /switch}, as
 * Trustee's nvidia verifier in remote mode and NVIDIA's attestation SDK call it) and returns its answer unverified:
 * {@link NrasResult} checks it. Connect and read timeouts, no redirects; anything but 200 fails closed.
 */
final class NrasClient {

    /** NRAS answers are a few JWTs; a larger answer is not one. */
    private static final int MAX_ANSWER_BYTES = 1024 * 1024;

    private static final System.Logger log = System.getLogger(NrasClient.class.getName());

    private final HttpClient http;
    private final NvidiaProperties.Nras settings;

    NrasClient(NvidiaProperties.Nras settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * @param deviceType {@code gpu} or {@code switch}
     * @param body       the request JSON: {@code {"nonce", "arch", "evidence_list": [{"evidence", "certificate"}],
     *                   "claims_version"}}
     */
    String attest(String deviceType, String body) throws VerificationException {
        String base = settings.url().toString();
        URI uri = URI.create((base.endsWith("/") ? base : base + "/") + deviceType);
        HttpResponse<byte[]> response;
        try {
            response = http.send(HttpRequest.newBuilder(uri).timeout(settings.readTimeout())
                    .header("Content-Type", "application/json").header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new VerificationException(Failure.COLLATERAL_UNAVAILABLE, "NRAS at " + settings.url()
                    + " did not answer: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VerificationException(Failure.COLLATERAL_UNAVAILABLE, "interrupted while calling NRAS", e);
        }
        int status = response.statusCode();
        if (status == 200 && response.body().length <= MAX_ANSWER_BYTES) {
            return new String(response.body(), StandardCharsets.UTF_8);
        }
        log.log(System.Logger.Level.WARNING, "NRAS answered {0}: {1}", status, printable(response.body()));
        if (status == 400) {
            // NRAS could not take the evidence (it does not parse, wrong arch, …): the caller's evidence is at fault
            throw new VerificationException(Failure.MALFORMED_EVIDENCE, "NRAS refused the " + deviceType
                    + " evidence (HTTP 400)");
        }
        throw new VerificationException(Failure.COLLATERAL_UNAVAILABLE, "NRAS answered HTTP " + status
                + (status == 401 || status == 403 ? " (check the NRAS licence and network access)" : ""));
    }

    private static String printable(byte[] body) {
        return body == null ? "" : new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8)
                .replaceAll("[^\\x20-\\x7e]", "?");
    }
}
