package dev.arca.attestation.token;

import static dev.arca.attestation.support.Requests.body;
import static dev.arca.attestation.support.Requests.sampleEvidence;
import static dev.arca.attestation.support.Requests.verificationRequest;
import static dev.arca.attestation.support.Requests.withRaw;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.X509CertUtils;
import dev.arca.attestation.support.ConfiguredServiceTestBase;
import dev.arca.attestation.support.EarTokenReader;
import dev.arca.attestation.support.EarTokenReader.VerifiedToken;
import dev.arca.attestation.support.TestHttp.Response;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Tokens of an AS with a configured key, certificate chain, issuer, profile and lifetime, read by a relying party
 * that trusts only the root certificate: it checks the header {@code x5c} chains to that root and that its leaf
 * certifies the key that signed the token.
 */
class TokenApiTest extends ConfiguredServiceTestBase {

    private VerifiedToken attest() throws Exception {
        byte[] raw = {1, 2, 3};
        Response response = http.postJson("/attestation",
                body(withRaw(verificationRequest("sample", sampleEvidence("1", raw)), raw)));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return EarTokenReader.verify(response.body(), http.get("/.well-known/jwks.json").body(), ISSUER);
    }

    @Test
    void theHeaderKeyCarriesAChainToTheOperatorsRoot() throws Exception {
        VerifiedToken token = attest();

        ECKey headerKey = (ECKey) token.jws().getHeader().getJWK();
        assertThat(headerKey.toECPublicKey().getW()).isEqualTo(((ECPublicKey) TOKEN_KEY.getPublic()).getW());
        assertThat(headerKey.getX509CertChain()).hasSize(2);
        List<X509Certificate> chain = headerKey.getX509CertChain().stream()
                .map(der -> X509CertUtils.parse(der.decode())).toList();
        assertThat(chain).isEqualTo(CHAIN.chain());
        assertThat(chain.getFirst().getPublicKey()).isEqualTo(headerKey.toECPublicKey());

        // PKIX from the leaf (root excluded) to the one root the relying party trusts
        PKIXParameters pkix = new PKIXParameters(Set.of(new TrustAnchor(CHAIN.root(), null)));
        pkix.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(
                CertificateFactory.getInstance("X.509").generateCertPath(chain.subList(0, 1)), pkix);

        // x5c is standard base64 (RFC 7517 §4.7), not base64url
        String x5c = JWKSet.parse(http.get("/.well-known/jwks.json").body()).getKeys().getFirst()
                .toJSONObject().get("x5c").toString();
        assertThat(x5c).doesNotContain("-").doesNotContain("_");
    }

    @Test
    void issuerProfileAndLifetimeComeFromConfiguration() throws Exception {
        VerifiedToken token = attest();

        assertThat(token.claims().path("iss").asString()).isEqualTo(ISSUER);
        assertThat(token.claims().path("eat_profile").asString()).isEqualTo(PROFILE);
        assertThat(token.claims().path("exp").asLong() - token.claims().path("iat").asLong())
                .isEqualTo(LIFETIME_SECONDS);
        assertThat(token.submod("cpu0").path("ear.status").asString()).isEqualTo("affirming");
    }

    @Test
    void theCertificateEndpointServesTheChainAsPem() throws Exception {
        Response response = http.get("/certificates");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/pem-certificate-chain");
        assertThat(response.body()).startsWith("-----BEGIN CERTIFICATE-----");
        List<? extends java.security.cert.Certificate> served = List.copyOf(CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(response.body().getBytes(StandardCharsets.US_ASCII))));
        assertThat(served).isEqualTo(CHAIN.chain());
    }

    @Test
    void theRvpsReaderCredentialIsUsed() throws Exception {
        // the RVPS answers 401 without the token, which would leave the sample TEE contraindicated
        assertThat(attest().submod("cpu0").path("ear.status").asString()).isEqualTo("affirming");
        assertThat(RVPS.queries("svn")).isPositive();
        assertThat(http.get("/actuator/health/readiness").status()).isEqualTo(200);
    }
}
