package dev.arca.attestation.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Keys common to the three services (docs/architecture.md "Common to the three services").
 *
 * @param dataDir where the H2 database and generated keys live
 * @param admin   who may call the admin endpoints
 */
@ConfigurationProperties("arca")
@Validated
public record ArcaProperties(
        @DefaultValue("./data/attestation-service") @NotNull Path dataDir,
        @DefaultValue @Valid Admin admin) {

    /**
     * The admin JWT scheme all three services share (common-model {@code AdminTokenVerifier}).
     *
     * @param publicKeyFiles PEM files whose keys may sign admin JWTs (Ed25519 with header alg EdDSA or Ed25519,
     *                       ES256/384/512, RS/PS); with no jwksUrl either, no admin call succeeds
     * @param jwksUrl        an http(s) JWK set whose keys, named by the token's {@code kid}, may sign admin JWTs
     * @param issuer         when set, the {@code iss} an admin JWT must carry
     * @param audience       when set, a value the {@code aud} of an admin JWT must contain
     * @param requiredRole   the value the admin JWT's {@code role} claim must have
     */
    public record Admin(
            @DefaultValue List<Path> publicKeyFiles,
            URI jwksUrl,
            String issuer,
            String audience,
            @DefaultValue("admin") @NotBlank String requiredRole) {
    }
}
