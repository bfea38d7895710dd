package dev.arca.cca.store;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import dev.arca.model.json.Hex;
import java.security.interfaces.ECPublicKey;
import java.text.ParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * CPAKs keyed by (implementation id, instance id), read from the Veraison ccatoken trust-anchor store JSON that
 * upstream's local CCA verifier loads: {@code [{"implementation-id": hex, "instance-id": hex, "pkey": P-384 JWK}]}.
 */
public final class TrustAnchorStore {

    private final Map<String, ECPublicKey> cpaks;

    private TrustAnchorStore(Map<String, ECPublicKey> cpaks) {
        this.cpaks = Map.copyOf(cpaks);
    }

    /** @throws IllegalArgumentException naming the entry that is not a valid trust anchor */
    public static TrustAnchorStore parse(String json) {
        JsonNode root;
        try {
            root = JsonMapper.builder().build().readTree(json);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("the CCA trust-anchor store is not JSON");
        }
        if (root == null || !root.isArray()) {
            throw new IllegalArgumentException("the CCA trust-anchor store must be a JSON array");
        }
        Map<String, ECPublicKey> cpaks = new HashMap<>();
        int index = 0;
        for (JsonNode entry : root) {
            String what = "trust anchor " + index++;
            byte[] implementationId = StoreJson.hex(entry, "implementation-id", what);
            byte[] instanceId = StoreJson.hex(entry, "instance-id", what);
            JsonNode pkey = entry.get("pkey");
            if (pkey == null || !pkey.isObject()) {
                throw new IllegalArgumentException(what + ": 'pkey' must be a JWK object");
            }
            cpaks.put(key(implementationId, instanceId), publicKey(pkey, what));
        }
        return new TrustAnchorStore(cpaks);
    }

    /** The CPAK of the platform, if the store knows it. */
    public Optional<ECPublicKey> cpak(byte[] implementationId, byte[] instanceId) {
        return Optional.ofNullable(cpaks.get(key(implementationId, instanceId)));
    }

    public int size() {
        return cpaks.size();
    }

    private static ECPublicKey publicKey(JsonNode jwk, String what) {
        try {
            ECKey key = ECKey.parse(jwk.toString());
            if (!Curve.P_384.equals(key.getCurve()) || key.isPrivate()) {
                throw new IllegalArgumentException(what + ": the CPAK must be a public P-384 EC JWK");
            }
            return key.toECPublicKey();
        } catch (ParseException | JOSEException e) {
            throw new IllegalArgumentException(what + ": 'pkey' is not an EC JWK: " + e.getMessage());
        }
    }

    private static String key(byte[] implementationId, byte[] instanceId) {
        return Hex.of(implementationId) + "/" + Hex.of(instanceId);
    }
}
