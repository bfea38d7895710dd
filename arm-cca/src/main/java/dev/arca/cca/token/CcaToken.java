package dev.arca.cca.token;

import com.upokecenter.cbor.CBORObject;
import com.upokecenter.cbor.CBORType;
import dev.arca.cca.CcaVerificationException;

/**
 * The CCA attestation token (draft-ffm-rats-cca-token §3): a CMW collection, CBOR tag 399, holding the platform
 * token under 44234 and the realm token under 44241, each a byte string wrapping a tagged COSE_Sign1. Parsing checks
 * shape only; {@link dev.arca.cca.CcaTokenVerifier} checks the signatures and bindings.
 */
public record CcaToken(CoseSign1 platform, PlatformClaims platformClaims, CoseSign1 realm, RealmClaims realmClaims) {

    static final int COLLECTION_TAG = 399;
    static final int PLATFORM_TOKEN = 44234;
    static final int REALM_TOKEN = 44241;
    /** Far above the ~2 KiB of a real token: refuse before decoding anything larger. */
    public static final int MAX_TOKEN_BYTES = 64 * 1024;

    public static CcaToken parse(byte[] bytes) throws CcaVerificationException {
        if (bytes == null || bytes.length == 0 || bytes.length > MAX_TOKEN_BYTES) {
            throw CcaCbor.format("the CCA token must be 1 to " + MAX_TOKEN_BYTES + " bytes");
        }
        CBORObject collection = CcaCbor.decode(bytes, "the CCA token");
        if (!collection.HasMostOuterTag(COLLECTION_TAG) || collection.getType() != CBORType.Map
                || collection.size() != 2) {
            throw CcaCbor.format("the CCA token is not a tag-399 collection of the platform and realm tokens");
        }
        CoseSign1 platform = CoseSign1.parse(CcaCbor.bytesClaim(collection, PLATFORM_TOKEN, "platform token"),
                "platform token");
        CoseSign1 realm = CoseSign1.parse(CcaCbor.bytesClaim(collection, REALM_TOKEN, "realm token"),
                "realm token");
        return new CcaToken(platform, PlatformClaims.parse(platform.payload()), realm,
                RealmClaims.parse(realm.payload()));
    }
}
