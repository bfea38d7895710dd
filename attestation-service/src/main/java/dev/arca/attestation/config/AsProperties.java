package dev.arca.attestation.config;

import dev.arca.model.ear.EarClaims;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Attestation-service configuration (docs/architecture.md "attestation-service", docs/attestation-service.md
 * "Configuration").
 *
 * @param rvpsUrl            base URL of the RVPS that answers {@code GET /reference-values/{name}}
 * @param rvpsConnectTimeout connect timeout of RVPS calls
 * @param rvpsReadTimeout    time allowed for a whole RVPS answer
 * @param rvpsCacheTtl       how long a looked-up reference value (or its absence) is reused
 * @param rvpsStaleIfError   how long past its TTL a cached answer may still be used while the RVPS fails
 *                           (RFC 5861 "stale-if-error"); after that, policies fail closed
 * @param rvpsTokenFile      file holding a bearer token sent to the RVPS (re-read when it changes); none when unset
 * @param maxRequestSize     largest accepted request body; larger ones get 413
 * @param allowVerifyAsOf    whether evidence may be verified as of another instant than now ({@code verify_at},
 *                           {@link #verifyAsOf}); off by default because it makes expired collateral pass
 * @param verifyAsOf         verify every request as of this instant (audits, tests on expired real collateral);
 *                           needs {@link #allowVerifyAsOf}
 * @param token              EAR token broker settings
 */
@ConfigurationProperties("arca.as")
@Validated
public record AsProperties(
        @DefaultValue("http://127.0.0.1:8082") @NotNull URI rvpsUrl,
        @DefaultValue("2s") @DurationMin(millis = 1) Duration rvpsConnectTimeout,
        @DefaultValue("5s") @DurationMin(millis = 1) Duration rvpsReadTimeout,
        @DefaultValue("30s") @NotNull Duration rvpsCacheTtl,
        @DefaultValue("10m") @NotNull Duration rvpsStaleIfError,
        Path rvpsTokenFile,
        @DefaultValue("1MB") @NotNull DataSize maxRequestSize,
        @DefaultValue("false") boolean allowVerifyAsOf,
        Instant verifyAsOf,
        @DefaultValue @Valid Token token) {

    /**
     * @param signingKeyFile       PEM PKCS#8 P-256 key; when unset a key is generated once into the data directory
     * @param certificateChainFile PEM certificates for the signing key, leaf first; published as the JWK's
     *                             {@code x5c} and at {@code GET /certificates}
     * @param lifetime             {@code exp - iat}
     * @param issuer               the {@code iss} claim
     * @param profile              the {@code eat_profile} claim (upstream's EAR profile by default,
     *                             Trustee attestation_token.md)
     */
    public record Token(
            Path signingKeyFile,
            Path certificateChainFile,
            @DefaultValue("5m") @DurationMin(seconds = 1) Duration lifetime,
            @DefaultValue("arca-attestation-service") @NotBlank String issuer,
            @DefaultValue(EarClaims.DEFAULT_PROFILE) @NotBlank String profile) {
    }
}
