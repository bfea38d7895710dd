package dev.arca.it;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.arca.model.json.Base64s;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Tokens an attacker can make, and the genuine ones a test needs to misuse. Every forged token claims the admin role:
 * if any verifier accepted it, it would open the admin API. Signed with Nimbus, as a real attacker's tooling would.
 */
final class ForgedTokens {

    private final KeyPair admin;
    private final PrivateKey kbsCallerKey;
    private final PrivateKey asCallerKey;
    private final String adminPublicPem;
    private final ECKey attacker;

    ForgedTokens(KeyPair admin, String adminPublicPem, PrivateKey kbsCallerKey, PrivateKey asCallerKey)
            throws Exception {
        this.admin = admin;
        this.adminPublicPem = adminPublicPem;
        this.kbsCallerKey = kbsCallerKey;
        this.asCallerKey = asCallerKey;
        this.attacker = new ECKeyGenerator(Curve.P_256).keyID("admin").generate();
    }

    /** Forged admin tokens, by name: none may authenticate anywhere. */
    Map<String, String> forgedAdmin() throws Exception {
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("alg none", unsigned("{\"alg\":\"none\",\"typ\":\"JWT\"}", adminClaims()));
        tokens.put("alg None", unsigned("{\"alg\":\"None\"}", adminClaims()));
        tokens.put("alg none with a signature", unsigned("{\"alg\":\"none\"}", adminClaims()) + "c2ln");
        tokens.put("HS256 keyed with the admin public key (PEM)",
                hmac(adminPublicPem.getBytes(StandardCharsets.US_ASCII)));
        tokens.put("HS256 keyed with the admin public key (DER)", hmac(padded(admin.getPublic().getEncoded())));
        tokens.put("header jwk of the attacker's key", signed(new JWSHeader.Builder(JWSAlgorithm.ES256)
                .jwk(attacker.toPublicJWK()).build(), attacker.toECPrivateKey(), adminClaims()));
        tokens.put("kid naming the admin key file", signed(new JWSHeader.Builder(JWSAlgorithm.ES256)
                .keyID("admin-pub.pem").build(), attacker.toECPrivateKey(), adminClaims()));
        tokens.put("kid traversal to the admin key file", signed(new JWSHeader.Builder(JWSAlgorithm.ES256)
                .keyID("../../admin/admin-pub.pem").build(), attacker.toECPrivateKey(), adminClaims()));
        tokens.put("kid naming the KBS caller", signed(new JWSHeader.Builder(JWSAlgorithm.ES256)
                .keyID("kbs").build(), attacker.toECPrivateKey(), adminClaims()));
        tokens.put("jku to an attacker's JWKS", signed(new JWSHeader.Builder(JWSAlgorithm.ES256)
                .jwkURL(java.net.URI.create("http://127.0.0.1:9/jwks.json")).build(), attacker.toECPrivateKey(),
                adminClaims()));
        tokens.put("x5c of an untrusted self-signed chain", signed(new JWSHeader.Builder(JWSAlgorithm.ES256)
                .x509CertChain(List.of(Base64.encode(selfSigned().getEncoded()))).build(),
                attacker.toECPrivateKey(), adminClaims()));
        tokens.put("unknown critical header", signed(new JWSHeader.Builder(JWSAlgorithm.ES256)
                .criticalParams(java.util.Set.of("exp-check")).customParam("exp-check", true).build(),
                (ECPrivateKey) admin.getPrivate(), adminClaims()));
        tokens.put("admin key, expired", signed(es256(), (ECPrivateKey) admin.getPrivate(),
                claims("admin", Instant.now().minus(Duration.ofHours(2)), Duration.ofMinutes(5)).build()));
        tokens.put("admin key, not yet valid", signed(es256(), (ECPrivateKey) admin.getPrivate(),
                claims("admin", Instant.now(), Duration.ofHours(3))
                        .notBeforeTime(Date.from(Instant.now().plus(Duration.ofHours(2)))).build()));
        tokens.put("admin key, no exp", signed(es256(), (ECPrivateKey) admin.getPrivate(),
                new JWTClaimsSet.Builder().subject("attacker").claim("role", "admin").build()));
        tokens.put("admin key, role as an array", signed(es256(), (ECPrivateKey) admin.getPrivate(),
                claims("admin", Instant.now(), Duration.ofMinutes(5)).claim("role", List.of("admin")).build()));
        String genuine = signed(es256(), (ECPrivateKey) admin.getPrivate(), roleClaims("reader"));
        String[] parts = genuine.split("\\.");
        tokens.put("reader token with the payload swapped for admin", parts[0] + "."
                + Base64s.url(adminClaims().toString().getBytes(StandardCharsets.UTF_8)) + "." + parts[2]);
        tokens.put("admin token with the signature stripped", parts[0] + "." + parts[1] + ".");
        tokens.put("ES512 header on an ES256 signature", relabel(genuine, "ES512"));
        tokens.put("KBS caller key, no issuer, role admin", signed(es256(), (ECPrivateKey) kbsCallerKey,
                adminClaims()));
        tokens.put("not a JWT", "not-a-jwt");
        tokens.put("three segments of bad base64", "%%%.***.$$$");
        tokens.put("a JWE in place of a JWS", "eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..AAAA.AAAA.AAAA");
        return tokens;
    }

    /** A genuine admin-key token of {@code role}. */
    String role(String role) throws Exception {
        return signed(es256(), (ECPrivateKey) admin.getPrivate(), roleClaims(role));
    }

    /** The KBS's caller token for the AS, as the KBS makes it (iss kbs, aud attestation-service). */
    String kbsCaller() throws Exception {
        return caller(kbsCallerKey, "kbs", "attestation-service", Map.of());
    }

    /** The AS's caller token for the RVPS (iss attestation-service, aud rvps). */
    String asCaller() throws Exception {
        return caller(asCallerKey, "attestation-service", "rvps", Map.of());
    }

    /** A caller token that also claims the admin role: a caller token never authorises an admin call. */
    String kbsCallerClaimingAdmin() throws Exception {
        return caller(kbsCallerKey, "kbs", "attestation-service", Map.of("role", "admin"));
    }

    /** A caller token for the wrong callee. */
    String kbsCallerForTheRvps() throws Exception {
        return caller(kbsCallerKey, "kbs", "rvps", Map.of());
    }

    /** An admin-key token shaped as the KBS's caller token: a caller is checked only against its own keys. */
    String adminKeyAsKbsCaller() throws Exception {
        return caller(admin.getPrivate(), "kbs", "attestation-service", Map.of());
    }

    /** An EAR-shaped attestation token the KBS's release path must refuse: signed by the attacker, key in header. */
    String forgedAttestationToken() throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("attestation-service")
                .issueTime(new Date()).expirationTime(Date.from(Instant.now().plus(Duration.ofMinutes(5))))
                .claim("eat_profile", "tag:github.com,2023:veraison/ear")
                .claim("submods", Map.of("cpu0", Map.of("ear.status", "affirming")))
                .claim("tee-pubkey", attacker.toPublicJWK().toJSONObject()).build();
        return signed(new JWSHeader.Builder(JWSAlgorithm.ES256).jwk(attacker.toPublicJWK()).build(),
                attacker.toECPrivateKey(), claims);
    }

    private String caller(PrivateKey key, String issuer, String audience, Map<String, Object> extra)
            throws Exception {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(issuer).subject(issuer).audience(audience)
                .issueTime(new Date()).expirationTime(Date.from(Instant.now().plus(Duration.ofMinutes(2))))
                .jwtID(UUID.randomUUID().toString());
        extra.forEach(claims::claim);
        return signed(new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JWT).build(),
                (ECPrivateKey) key, claims.build());
    }

    private static JWSHeader es256() {
        return new JWSHeader(JWSAlgorithm.ES256);
    }

    private static JWTClaimsSet adminClaims() {
        return roleClaims("admin");
    }

    private static JWTClaimsSet roleClaims(String role) {
        return claims(role, Instant.now(), Duration.ofMinutes(10)).build();
    }

    private static JWTClaimsSet.Builder claims(String role, Instant issued, Duration lifetime) {
        return new JWTClaimsSet.Builder().subject("bad-input-suite").claim("role", role)
                .issueTime(Date.from(issued)).expirationTime(Date.from(issued.plus(lifetime)))
                .jwtID(UUID.randomUUID().toString());
    }

    private static String signed(JWSHeader header, ECPrivateKey key, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(header, claims);
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }

    private String hmac(byte[] secret) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), adminClaims());
        JWSSigner signer = new MACSigner(secret);
        jwt.sign(signer);
        return jwt.serialize();
    }

    private static String unsigned(String header, JWTClaimsSet claims) {
        return Base64s.url(header.getBytes(StandardCharsets.UTF_8)) + "."
                + Base64s.url(claims.toString().getBytes(StandardCharsets.UTF_8)) + ".";
    }

    private static String relabel(String token, String alg) {
        String[] parts = token.split("\\.");
        return Base64s.url(("{\"alg\":\"" + alg + "\"}").getBytes(StandardCharsets.UTF_8)) + "." + parts[1] + "."
                + parts[2];
    }

    /** HS256 needs a 256-bit secret at least; a P-256 SPKI is 91 bytes, so this only guards shorter keys. */
    private static byte[] padded(byte[] key) {
        return key.length >= 32 ? key : java.util.Arrays.copyOf(key, 32);
    }

    private X509Certificate selfSigned() throws Exception {
        X500Name name = new X500Name("CN=arca admin");
        Instant now = Instant.now();
        var builder = new JcaX509v3CertificateBuilder(name, BigInteger.ONE, Date.from(now.minusSeconds(60)),
                Date.from(now.plus(Duration.ofDays(1))), name, attacker.toECPublicKey());
        var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(attacker.toECPrivateKey());
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    }
}
