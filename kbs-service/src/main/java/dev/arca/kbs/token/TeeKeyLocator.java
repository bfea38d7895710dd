package dev.arca.kbs.token;

import dev.arca.kbs.error.KbsException;
import dev.arca.model.ear.EarClaims;
import dev.arca.model.error.KbsErrorType;
import dev.arca.model.kbs.TeePublicKey;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Finds the guest's key in verified claims (Trustee attestation_token_verification.md): the configured extra JSON
 * pointers first, in order, then upstream's list; the first pointer that exists wins, and its value must be a usable
 * tee-pubkey — a present but unusable key is an error, not a reason to look further.
 */
public final class TeeKeyLocator {

    /**
     * Trustee attestation_token_verification.md, in this order: ITA, ITA on Azure vTPM, legacy CoCo token, EAR,
     * generic.
     */
    public static final List<String> STANDARD_POINTERS = List.of(
            "/tdx/attester_runtime_data/tee-pubkey",
            "/tdx/attester_user_data/tee-pubkey",
            "/customized_claims/runtime_data/tee-pubkey",
            EarClaims.TEE_PUBKEY_POINTER,
            "/tee-pubkey");

    private final List<String> pointers;

    public TeeKeyLocator(List<String> extraPointers) {
        List<String> all = new ArrayList<>(extraPointers);
        all.addAll(STANDARD_POINTERS);
        this.pointers = List.copyOf(all);
    }

    public List<String> pointers() {
        return pointers;
    }

    public TeePublicKey locate(JsonNode claims) {
        for (String pointer : pointers) {
            JsonNode node = claims.at(pointer);
            if (!node.isMissingNode() && !node.isNull()) {
                try {
                    return TeePublicKey.parse(node);
                } catch (IllegalArgumentException e) {
                    throw new KbsException(KbsErrorType.TokenVerifierError,
                            "Token Verifier error: the attestation token's tee-pubkey at " + pointer
                                    + " is unusable: " + e.getMessage());
                }
            }
        }
        throw new KbsException(KbsErrorType.TokenVerifierError,
                "Token Verifier error: the attestation token carries no tee-pubkey");
    }
}
