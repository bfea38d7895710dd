package dev.arca.cca.token;

import com.upokecenter.cbor.CBORObject;
import com.upokecenter.cbor.CBORType;
import dev.arca.cca.CcaVerificationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The CCA platform token's claims (draft-ffm-rats-cca-token §4.3; keys are the PSA/EAT ones): 265 profile, 10
 * challenge, 2396 implementation id, 256 instance id, 2401 config, 2395 lifecycle, 2399 sw-components, 2400
 * verification service, 2402 hash algorithm.
 */
public record PlatformClaims(String profile, byte[] challenge, byte[] implementationId, byte[] instanceId,
        byte[] config, long lifecycle, List<SwComponent> swComponents, Optional<String> verificationService,
        String hashAlgorithm) {

    static final int PROFILE = 265;
    static final int CHALLENGE = 10;
    static final int IMPLEMENTATION_ID = 2396;
    static final int INSTANCE_ID = 256;
    static final int CONFIG = 2401;
    static final int LIFECYCLE = 2395;
    static final int SW_COMPONENTS = 2399;
    static final int VERIFICATION_SERVICE = 2400;
    static final int HASH_ALGORITHM = 2402;

    static PlatformClaims parse(byte[] payload) throws CcaVerificationException {
        CBORObject map = CcaCbor.map(CcaCbor.decode(payload, "platform claims"), "platform claims");
        CBORObject lifecycle = CcaCbor.claim(map, LIFECYCLE, "platform lifecycle");
        if (lifecycle.getType() != CBORType.Integer || !lifecycle.AsNumber().CanFitInInt64()
                || lifecycle.AsInt64Value() < 0) {
            throw CcaCbor.format("platform lifecycle is not an unsigned integer");
        }
        CBORObject service = map.get(CBORObject.FromObject(VERIFICATION_SERVICE));
        return new PlatformClaims(
                CcaCbor.textClaim(map, PROFILE, "platform profile"),
                CcaCbor.bytesClaim(map, CHALLENGE, "platform challenge"),
                CcaCbor.bytesClaim(map, IMPLEMENTATION_ID, "platform implementation id"),
                CcaCbor.bytesClaim(map, INSTANCE_ID, "platform instance id"),
                CcaCbor.bytesClaim(map, CONFIG, "platform config"),
                lifecycle.AsInt64Value(),
                swComponents(CcaCbor.claim(map, SW_COMPONENTS, "platform sw-components")),
                service == null ? Optional.empty() : Optional.of(CcaCbor.text(service, "verification service")),
                CcaCbor.textClaim(map, HASH_ALGORITHM, "platform hash algorithm"));
    }

    private static List<SwComponent> swComponents(CBORObject array) throws CcaVerificationException {
        if (array.getType() != CBORType.Array || array.size() == 0) {
            throw CcaCbor.format("platform sw-components is not a non-empty array");
        }
        List<SwComponent> components = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            String what = "platform sw-component " + i;
            CBORObject component = CcaCbor.map(array.get(i), what);
            components.add(new SwComponent(optionalText(component, 1, what + " type"),
                    CcaCbor.bytesClaim(component, 2, what + " measurement value"),
                    optionalText(component, 4, what + " version"),
                    CcaCbor.bytesClaim(component, 5, what + " signer id"),
                    optionalText(component, 6, what + " hash algorithm")));
        }
        return components;
    }

    private static Optional<String> optionalText(CBORObject map, int key, String what)
            throws CcaVerificationException {
        CBORObject value = map.get(CBORObject.FromObject(key));
        return value == null ? Optional.empty() : Optional.of(CcaCbor.text(value, what));
    }
}
