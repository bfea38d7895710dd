package dev.arca.model.ear;

/**
 * Claim names and pointers of the EAR token (Trustee attestation_token.md, Trustee attestation_token_verification.md).
 */
public final class EarClaims {

    public static final String EAT_PROFILE = "eat_profile";
    public static final String VERIFIER_ID = "ear.verifier-id";
    public static final String SUBMODS = "submods";
    public static final String STATUS = "ear.status";
    public static final String TRUST_VECTOR = "ear.trustworthiness-vector";
    public static final String POLICY_ID = "ear.appraisal-policy-id";
    public static final String ANNOTATED_EVIDENCE = "ear.veraison.annotated-evidence";
    public static final String RUNTIME_DATA_CLAIMS = "runtime_data_claims";
    public static final String INIT_DATA_CLAIMS = "init_data_claims";

    public static final String DEFAULT_PROFILE = "tag:github.com,2024:confidential-containers/Trustee";

    /** Where the KBS finds the guest's key in an EAR token. */
    public static final String TEE_PUBKEY_POINTER =
            "/submods/cpu0/ear.veraison.annotated-evidence/runtime_data_claims/tee-pubkey";

    private EarClaims() {
    }
}
