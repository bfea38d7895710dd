package dev.arca.attestation.verifier.cca;

import dev.arca.cca.VerifiedCcaToken;
import dev.arca.cca.token.PlatformClaims;
import dev.arca.cca.token.RealmClaims;
import dev.arca.cca.token.SwComponent;
import dev.arca.model.json.Hex;
import java.util.Base64;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code cca} claims with upstream's names (Trustee cca verifier, {@code EvidenceClaimsSet}): {@code realm} with
 * {@code cca-realm-challenge}, {@code -personalization-value}, {@code -initial-measurement},
 * {@code -extensible-measurements}, {@code -hash-algo-id}; {@code platform} with {@code cca-platform-instance-id} and
 * {@code -implementation-id}; {@code report_data} and {@code init_data} in hex. Byte values inside {@code realm} and
 * {@code platform} are standard base64, as upstream's. Arca adds the rest of the token's claims under the same
 * kebab-case names upstream documents for the token ({@code cca-platform-sw-components}, {@code cca-realm-public-key},
 * …) so that policies can appraise them.
 */
final class CcaClaims {

    private static final Base64.Encoder B64 = Base64.getEncoder();

    private CcaClaims() {
    }

    static ObjectNode build(VerifiedCcaToken token) {
        ObjectNode claims = JsonNodeFactory.instance.objectNode();
        RealmClaims realm = token.realm();
        ObjectNode realmNode = claims.putObject("realm");
        realmNode.put("cca-realm-challenge", B64.encodeToString(realm.challenge()));
        realmNode.put("cca-realm-personalization-value", B64.encodeToString(realm.personalizationValue()));
        realmNode.put("cca-realm-initial-measurement", B64.encodeToString(realm.initialMeasurement()));
        ArrayNode rems = realmNode.putArray("cca-realm-extensible-measurements");
        realm.extensibleMeasurements().forEach(rem -> rems.add(B64.encodeToString(rem)));
        realmNode.put("cca-realm-hash-algo-id", realm.hashAlgorithm());
        realmNode.put("cca-realm-public-key", B64.encodeToString(realm.publicKey()));
        realmNode.put("cca-realm-public-key-hash-algo-id", realm.publicKeyHashAlgorithm());

        PlatformClaims platform = token.platform();
        ObjectNode platformNode = claims.putObject("platform");
        platformNode.put("cca-platform-instance-id", B64.encodeToString(platform.instanceId()));
        platformNode.put("cca-platform-implementation-id", B64.encodeToString(platform.implementationId()));
        platformNode.put("cca-platform-profile", platform.profile());
        platformNode.put("cca-platform-challenge", B64.encodeToString(platform.challenge()));
        platformNode.put("cca-platform-config", B64.encodeToString(platform.config()));
        platformNode.put("cca-platform-lifecycle", platform.lifecycle());
        platformNode.put("cca-platform-hash-algo-id", platform.hashAlgorithm());
        platform.verificationService().ifPresent(s -> platformNode.put("cca-platform-service-indicator", s));
        ArrayNode components = platformNode.putArray("cca-platform-sw-components");
        for (SwComponent component : platform.swComponents()) {
            ObjectNode node = components.addObject();
            component.measurementType().ifPresent(t -> node.put("measurement-type", t));
            node.put("measurement-value", B64.encodeToString(component.measurementValue()));
            component.version().ifPresent(v -> node.put("version", v));
            node.put("signer-id", B64.encodeToString(component.signerId()));
            component.hashAlgorithm().ifPresent(h -> node.put("hash-algo-id", h));
        }

        claims.put("report_data", Hex.of(realm.challenge()));
        claims.put("init_data", Hex.of(realm.personalizationValue()));
        return claims;
    }
}
