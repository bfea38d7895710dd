package dev.arca.rvps;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.arca.model.admin.AdminJwk;
import dev.arca.model.admin.AdminTokenSigner;
import dev.arca.model.admin.PemKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/** Real P-256 admin key pairs made for the test run, as {@code arca-admin init} makes them. */
public final class TestAdminKeys {

    private TestAdminKeys() {
    }

    public static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A real Ed25519 key pair, as upstream Trustee's admin tooling makes them. */
    public static KeyPair generateEd25519() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token with the header alg {@code EdDSA} (RFC 8037), as upstream-minted admin tokens carry it. */
    public static String eddsaToken(KeyPair ed25519, String role, Clock clock) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("upstream-admin").claim("role", role)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofMinutes(5)))).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.EdDSA), claims);
        try {
            jwt.sign(AdminJwk.signer(ed25519.getPrivate(), ed25519.getPublic()));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    /** Writes the public key as the PEM file the service reads from {@code arca.admin.public-key-files}. */
    public static Path writePublicKey(KeyPair keys, Path file) {
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, PemKeys.toPem(keys.getPublic()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static AdminTokenSigner signer(KeyPair keys, Clock clock) {
        return new AdminTokenSigner(keys.getPrivate(), keys.getPublic(), clock);
    }
}
