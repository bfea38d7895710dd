package dev.arca.rvps.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The shared secret an upstream Attestation Service's calls carry as {@code authorization: Bearer <secret>} gRPC
 * metadata ({@code arca.rvps.grpc.registration-secret-file}). Upstream's RVPS client cannot send metadata
 * (Trustee attestation-service/src/rvps/grpc.rs), so a proxy or sidecar in front of it adds this fixed value: a
 * static secret is what such a proxy can set, where a JWT would have to be re-signed before it expires.
 *
 * <p>Only a SHA-256 digest is kept, compared in constant time ({@link MessageDigest#isEqual}), so neither the secret's
 * length nor a matching prefix shows in the comparison's timing.
 */
final class RegistrationSecret {

    /** 32 characters: a secret short enough to guess is refused at start. */
    static final int MIN_LENGTH = 32;
    private static final String BEARER = "Bearer ";

    private final byte[] digest;

    private RegistrationSecret(String secret) {
        this.digest = sha256(secret);
    }

    /** Reads the secret from {@code file} (surrounding whitespace and the final newline are not part of it). */
    static RegistrationSecret read(Path file) {
        String secret;
        try {
            secret = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read arca.rvps.grpc.registration-secret-file " + file + ": "
                    + e.getMessage(), e);
        }
        return of(secret);
    }

    static RegistrationSecret of(String secret) {
        if (secret.length() < MIN_LENGTH) {
            throw new IllegalStateException("the gRPC registration secret must have at least " + MIN_LENGTH
                    + " characters (e.g. openssl rand -hex 32)");
        }
        // gRPC metadata values are printable ASCII; a secret outside it could never be sent
        if (!secret.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalStateException("the gRPC registration secret must be printable ASCII without spaces");
        }
        return new RegistrationSecret(secret);
    }

    /** Whether {@code authorization} (the call's metadata value, or null) is {@code Bearer <this secret>}. */
    boolean presentedIn(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return false;
        }
        return MessageDigest.isEqual(digest, sha256(authorization.substring(BEARER.length()).strip()));
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
