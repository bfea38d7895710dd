package dev.arca.attestation.verifier.cca;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code cca} verifier (docs/verifiers/cca-csv-nvidia.md "Configuration"): verified here against local stores in
 * the JSON formats upstream's local CCA verifier reads (its {@code ta-store} and {@code rv-store}), or sent to a
 * Veraison verifier (upstream's {@code type: remote}). In local mode without both stores every CCA token is refused:
 * there is nothing to verify it against.
 *
 * @param mode                 {@code local} (default) or {@code remote}
 * @param trustAnchorStore     the CPAKs: {@code [{"implementation-id", "instance-id", "pkey": P-384 JWK}]}
 * @param referenceValueStore  platform sw-components/configuration and realm RIM/REMs/personalization value
 * @param remote               the Veraison verifier of remote mode
 */
@ConfigurationProperties("arca.as.cca")
public record CcaProperties(@DefaultValue("local") Mode mode, Path trustAnchorStore, Path referenceValueStore,
        @DefaultValue Remote remote) {

    /** Where CCA tokens are verified. */
    public enum Mode {
        LOCAL, REMOTE
    }

    /**
     * @param url            the Veraison verifier's base URL; its challenge-response API is under
     *                       {@code /challenge-response/v1/}
     * @param verifierKey    Veraison's EAR signing key (its well-known {@code ear-verification-key}), a public JWK
     *                       or a PEM public key; pinned by configuration, never fetched, so the service that answers
     *                       cannot choose the key its answers are checked with
     * @param connectTimeout connect timeout of each call
     * @param readTimeout    time allowed for each answer
     * @param pollInterval   pause between two polls of a session Veraison processes asynchronously
     * @param deadline       the most one appraisal may take, polls included
     */
    public record Remote(URI url, Path verifierKey,
            @DefaultValue("2s") Duration connectTimeout,
            @DefaultValue("10s") Duration readTimeout,
            @DefaultValue("200ms") Duration pollInterval,
            @DefaultValue("30s") Duration deadline) {
    }
}
