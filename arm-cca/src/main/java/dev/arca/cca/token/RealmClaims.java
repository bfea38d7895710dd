package dev.arca.cca.token;

import com.upokecenter.cbor.CBORObject;
import dev.arca.cca.CcaVerificationException;
import java.util.List;

/**
 * The CCA realm token's claims (draft-ffm-rats-cca-token §4.2; RMM spec DEN0137 "Realm claims"): 10 challenge (64
 * bytes), 44235 personalization value (64 bytes), 44236 hash algorithm of the measurements, 44237 RAK (uncompressed
 * P-384 point), 44238 RIM, 44239 the four REMs, 44240 hash algorithm of the RAK hash in the platform challenge.
 */
public record RealmClaims(byte[] challenge, byte[] personalizationValue, String hashAlgorithm, byte[] publicKey,
        byte[] initialMeasurement, List<byte[]> extensibleMeasurements, String publicKeyHashAlgorithm) {

    static final int CHALLENGE = 10;
    static final int PERSONALIZATION_VALUE = 44235;
    static final int HASH_ALGORITHM = 44236;
    static final int PUBLIC_KEY = 44237;
    static final int INITIAL_MEASUREMENT = 44238;
    static final int EXTENSIBLE_MEASUREMENTS = 44239;
    static final int PUBLIC_KEY_HASH_ALGORITHM = 44240;
    /** Challenge and personalization value are 64 bytes (RMM spec, RSI_ATTESTATION_TOKEN_INIT). */
    public static final int CHALLENGE_LENGTH = 64;
    private static final int REM_COUNT = 4;

    static RealmClaims parse(byte[] payload) throws CcaVerificationException {
        CBORObject map = CcaCbor.map(CcaCbor.decode(payload, "realm claims"), "realm claims");
        byte[] challenge = CcaCbor.bytesClaim(map, CHALLENGE, "realm challenge");
        byte[] perso = CcaCbor.bytesClaim(map, PERSONALIZATION_VALUE, "realm personalization value");
        if (challenge.length != CHALLENGE_LENGTH || perso.length != CHALLENGE_LENGTH) {
            throw CcaCbor.format("realm challenge and personalization value must be 64 bytes");
        }
        List<byte[]> rems = CcaCbor.bytesArray(CcaCbor.claim(map, EXTENSIBLE_MEASUREMENTS,
                "realm extensible measurements"), "realm extensible measurements");
        if (rems.size() != REM_COUNT) {
            throw CcaCbor.format("realm extensible measurements must be four");
        }
        return new RealmClaims(challenge, perso, CcaCbor.textClaim(map, HASH_ALGORITHM, "realm hash algorithm"),
                CcaCbor.bytesClaim(map, PUBLIC_KEY, "realm public key"),
                CcaCbor.bytesClaim(map, INITIAL_MEASUREMENT, "realm initial measurement"), List.copyOf(rems),
                CcaCbor.textClaim(map, PUBLIC_KEY_HASH_ALGORITHM, "realm public key hash algorithm"));
    }
}
