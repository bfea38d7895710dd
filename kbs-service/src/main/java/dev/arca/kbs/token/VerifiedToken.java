package dev.arca.kbs.token;

import dev.arca.model.kbs.TeePublicKey;
import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * An attestation token whose signature and lifetime were checked, with the TEE key it vouches for and how its
 * signing key was trusted ({@code x5c}, {@code jwks} or {@code insecure-header-jwk}). The claims are read only: the
 * {@link TokenVerifier} hands the same instance to every use of a token it remembers.
 */
public record VerifiedToken(JsonNode claims, TeePublicKey teeKey, Instant expiresAt, String trustedVia) {
}
