package dev.arca.kbs.token;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How attestation tokens are trusted (Trustee attestation_token_verification.md; Trustee KBS config.md; docs/kbs.md
 * "Token verification").
 *
 * @param leeway                  clock skew tolerated on {@code exp} and {@code nbf}; upstream uses 60 s, at most
 *                                {@link #MAX_LEEWAY} is accepted so an expired token cannot be stretched indefinitely
 * @param jwksRefetchInterval     least time between two fetches of one JWK set caused by an unknown {@code kid}
 * @param trustAttestationService trust the JWKS of {@code arca.kbs.as-url} (the own AS)
 * @param trustedJwks             further JWK sets whose keys sign trusted tokens (passport mode): local file paths
 *                                ({@code file:} URIs too) or {@code https://}/{@code http://} URLs
 * @param trustedCerts            PEM files of trust anchors for tokens that carry an {@code x5c} chain
 * @param extraTeePubkeyPaths     JSON pointers tried first, in order, when looking for the TEE key in the claims
 * @param insecureHeaderJwk       development only: trust the key in the token header itself; logs a warning at
 *                                startup and on every use
 */
@ConfigurationProperties("arca.kbs.token")
public record TokenProperties(
        @DefaultValue("60s") Duration leeway,
        @DefaultValue("30s") Duration jwksRefetchInterval,
        @DefaultValue("true") boolean trustAttestationService,
        List<String> trustedJwks,
        List<Path> trustedCerts,
        List<String> extraTeePubkeyPaths,
        @DefaultValue("false") boolean insecureHeaderJwk) {

    public static final Duration MAX_LEEWAY = Duration.ofMinutes(5);

    public TokenProperties {
        if (leeway == null || leeway.isNegative() || leeway.compareTo(MAX_LEEWAY) > 0) {
            throw new IllegalArgumentException("arca.kbs.token.leeway must be between 0 and " + MAX_LEEWAY.toSeconds()
                    + " s");
        }
        if (jwksRefetchInterval == null || jwksRefetchInterval.isNegative()) {
            throw new IllegalArgumentException("arca.kbs.token.jwks-refetch-interval must not be negative");
        }
        trustedJwks = trustedJwks == null ? List.of() : List.copyOf(trustedJwks);
        trustedCerts = trustedCerts == null ? List.of() : List.copyOf(trustedCerts);
        extraTeePubkeyPaths = extraTeePubkeyPaths == null ? List.of() : List.copyOf(extraTeePubkeyPaths);
        for (String pointer : extraTeePubkeyPaths) {
            if (!pointer.startsWith("/")) {
                throw new IllegalArgumentException("arca.kbs.token.extra-tee-pubkey-paths: '" + pointer
                        + "' is not a JSON pointer (it must start with '/')");
            }
        }
    }

    /** Defaults, for components built by hand. */
    public static TokenProperties defaults() {
        return new TokenProperties(Duration.ofSeconds(60), Duration.ofSeconds(30), true, List.of(), List.of(),
                List.of(), false);
    }
}
