package dev.arca.attestation.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import dev.arca.attestation.config.AsProperties;
import dev.arca.attestation.policy.TrustVector;
import dev.arca.model.ear.TrustCategory;
import dev.arca.model.tee.Tee;
import java.net.URI;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The EAR layout of Trustee attestation_token.md, claim by claim, read back with Nimbus. */
class EarTokenBrokerTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant NOW = Instant.parse("2026-11-02T08:00:00Z");

    private static EarTokenBroker broker(TokenSigningKey key) throws Exception {
        AsProperties properties = new AsProperties(URI.create("http://127.0.0.1:8082"), Duration.ofSeconds(2),
                Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(10), null, DataSize.ofMegabytes(1),
                false, null, new AsProperties.Token(null, null, Duration.ofMinutes(7), "test-issuer", "test-profile"));
        return new EarTokenBroker(key, properties, new VerifierIdentity(), Clock.fixed(NOW, ZoneOffset.UTC), JSON);
    }

    private static TokenSigningKey key() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        return TokenSigningKey.of(pair);
    }

    private static Appraisal appraisal(Tee tee, String deviceClass, Map<TrustCategory, Integer> vector,
            ObjectNode evidence, Map<String, JsonNode> extensions) {
        return new Appraisal(tee, deviceClass, "default", new TrustVector(vector), evidence, extensions);
    }

    @Test
    void claimsSubmodsVectorEvidenceAndExtensions() throws Exception {
        TokenSigningKey key = key();
        ObjectNode cpuEvidence = (ObjectNode) JSON.readTree(
                "{\"report_data\": \"cmQ=\", \"runtime_data_claims\": null, \"sample\": {\"svn\": \"1\"}}");
        List<Appraisal> appraisals = List.of(
                appraisal(Tee.SAMPLE, "cpu", Map.of(TrustCategory.HARDWARE, 2, TrustCategory.FILE_SYSTEM, 0),
                        cpuEvidence, Map.of("ear.trustee.identifiers", JSON.readTree("{\"validated\": {}}"))),
                appraisal(Tee.SAMPLE_DEVICE, "gpu", Map.of(TrustCategory.HARDWARE, 97),
                        JsonNodeFactory.instance.objectNode(), Map.of()),
                appraisal(Tee.SAMPLE_DEVICE, "gpu", Map.of(TrustCategory.EXECUTABLES, 33),
                        (ObjectNode) JSON.readTree("{\"sampledevice\": {}}"), Map.of()));

        String token = broker(key).issue(appraisals);

        JWSObject jws = JWSObject.parse(token);
        assertThat(jws.verify(new ECDSAVerifier((ECKey) jws.getHeader().getJWK()))).isTrue();
        assertThat(jws.getHeader().toJSONObject().keySet()).containsExactlyInAnyOrder("alg", "typ", "kid", "jwk");
        JsonNode claims = JSON.readTree(jws.getPayload().toString());
        assertThat(claims.propertyNames()).containsExactly("eat_profile", "iat", "ear.verifier-id", "submods", "exp",
                "iss");
        assertThat(claims.path("iat").asLong()).isEqualTo(NOW.getEpochSecond());
        assertThat(claims.path("exp").asLong()).isEqualTo(NOW.getEpochSecond() + 420);
        assertThat(claims.path("iss").asString()).isEqualTo("test-issuer");
        assertThat(claims.path("eat_profile").asString()).isEqualTo("test-profile");
        assertThat(claims.path("ear.verifier-id").propertyNames()).containsExactly("developer", "build");
        assertThat(claims.path("submods").propertyNames()).containsExactly("cpu0", "gpu0", "gpu1");

        JsonNode cpu0 = claims.at("/submods/cpu0");
        assertThat(cpu0.propertyNames()).containsExactly("ear.status", "ear.trustworthiness-vector",
                "ear.appraisal-policy-id", "ear.veraison.annotated-evidence", "ear.trustee.identifiers");
        assertThat(cpu0.path("ear.trustworthiness-vector")).isEqualTo(
                JSON.readTree("{\"file-system\": 0, \"hardware\": 2}"));
        assertThat(cpu0.path("ear.status").asString()).isEqualTo("affirming");
        assertThat(cpu0.at("/ear.veraison.annotated-evidence/runtime_data_claims").isNull()).isTrue();
        assertThat(claims.at("/submods/gpu0").has("ear.veraison.annotated-evidence")).as("empty evidence left out")
                .isFalse();
        assertThat(claims.at("/submods/gpu0/ear.status").asString()).isEqualTo("contraindicated");
        assertThat(claims.at("/submods/gpu1/ear.status").asString()).isEqualTo("warning");
    }

    @Test
    void anEarNeedsASubmod() throws Exception {
        EarTokenBroker broker = broker(key());

        assertThatThrownBy(() -> broker.issue(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
