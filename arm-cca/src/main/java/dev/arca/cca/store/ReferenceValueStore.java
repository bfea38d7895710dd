package dev.arca.cca.store;

import dev.arca.cca.token.PlatformClaims;
import dev.arca.cca.token.RealmClaims;
import dev.arca.cca.token.SwComponent;
import dev.arca.model.json.Hex;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reference values in the Veraison ccatoken reference-value store JSON that upstream's local CCA verifier loads:
 * {@code {"platform": [{"implementation-id", "sw-components": [{"component-type", "measurement-value",
 * "signer-id"}], "platform-configuration"}], "realm": [{"initial-measurement", "extensible-measurements",
 * "personalization-value", "rak-hash-algorithm"}]}} (hex values).
 *
 * <p>A platform is affirmed when an entry for its implementation id has its configuration and every measured
 * component of the token appears in the entry with the same measurement value and signer id (and type, when the token
 * names one). A realm is affirmed when an entry has its RIM, the four REMs, its personalization value and its RAK hash
 * algorithm.
 */
public final class ReferenceValueStore {

    private record Component(String type, byte[] measurement, byte[] signerId) {
    }

    private record Platform(byte[] implementationId, List<Component> components, byte[] config) {
    }

    private record Realm(byte[] rim, List<byte[]> rems, byte[] personalizationValue, String rakHashAlgorithm) {
    }

    private final List<Platform> platforms;
    private final List<Realm> realms;

    private ReferenceValueStore(List<Platform> platforms, List<Realm> realms) {
        this.platforms = List.copyOf(platforms);
        this.realms = List.copyOf(realms);
    }

    /** @throws IllegalArgumentException naming the entry that is malformed */
    public static ReferenceValueStore parse(String json) {
        JsonNode root;
        try {
            root = JsonMapper.builder().build().readTree(json);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("the CCA reference-value store is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("the CCA reference-value store must be a JSON object");
        }
        List<Platform> platforms = new ArrayList<>();
        int index = 0;
        for (JsonNode entry : StoreJson.array(root, "platform")) {
            String what = "platform reference value " + index++;
            List<Component> components = new ArrayList<>();
            JsonNode array = StoreJson.array(entry, "sw-components");
            for (JsonNode component : array) {
                components.add(new Component(StoreJson.text(component, "component-type", what),
                        StoreJson.hex(component, "measurement-value", what),
                        StoreJson.hex(component, "signer-id", what)));
            }
            platforms.add(new Platform(StoreJson.hex(entry, "implementation-id", what), components,
                    StoreJson.hex(entry, "platform-configuration", what)));
        }
        List<Realm> realms = new ArrayList<>();
        index = 0;
        for (JsonNode entry : StoreJson.array(root, "realm")) {
            String what = "realm reference value " + index++;
            realms.add(new Realm(StoreJson.hex(entry, "initial-measurement", what),
                    StoreJson.hexArray(entry, "extensible-measurements", what),
                    StoreJson.hex(entry, "personalization-value", what),
                    StoreJson.text(entry, "rak-hash-algorithm", what)));
        }
        return new ReferenceValueStore(platforms, realms);
    }

    /** @return why the platform is not affirmed, or empty when it is */
    public Optional<String> platformMismatch(PlatformClaims claims) {
        List<Platform> candidates = platforms.stream()
                .filter(p -> MessageDigest.isEqual(p.implementationId(), claims.implementationId())).toList();
        if (candidates.isEmpty()) {
            return Optional.of("no reference values for implementation id " + Hex.of(claims.implementationId()));
        }
        String why = "";
        for (Platform platform : candidates) {
            if (!MessageDigest.isEqual(platform.config(), claims.config())) {
                why = "platform configuration " + Hex.of(claims.config()) + " is not a reference value";
                continue;
            }
            Optional<SwComponent> unknown = claims.swComponents().stream()
                    .filter(c -> platform.components().stream().noneMatch(r -> matches(r, c))).findFirst();
            if (unknown.isEmpty()) {
                return Optional.empty();
            }
            why = "platform sw-component " + unknown.get().measurementType().orElse("(untyped)")
                    + " with measurement " + Hex.of(unknown.get().measurementValue()) + " is not a reference value";
        }
        return Optional.of(why);
    }

    /** @return why the realm is not affirmed, or empty when it is */
    public Optional<String> realmMismatch(RealmClaims claims) {
        List<Realm> candidates = realms.stream()
                .filter(r -> MessageDigest.isEqual(r.rim(), claims.initialMeasurement())).toList();
        if (candidates.isEmpty()) {
            return Optional.of("realm initial measurement " + Hex.of(claims.initialMeasurement())
                    + " is not a reference value");
        }
        for (Realm realm : candidates) {
            if (sameList(realm.rems(), claims.extensibleMeasurements())
                    && MessageDigest.isEqual(realm.personalizationValue(), claims.personalizationValue())
                    && realm.rakHashAlgorithm().equals(claims.publicKeyHashAlgorithm())) {
                return Optional.empty();
            }
        }
        return Optional.of("the realm's extensible measurements, personalization value or RAK hash algorithm do not "
                + "match the reference values of its initial measurement");
    }

    private static boolean matches(Component reference, SwComponent component) {
        return MessageDigest.isEqual(reference.measurement(), component.measurementValue())
                && MessageDigest.isEqual(reference.signerId(), component.signerId())
                && component.measurementType().map(reference.type()::equals).orElse(true);
    }

    private static boolean sameList(List<byte[]> a, List<byte[]> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!MessageDigest.isEqual(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }
}
