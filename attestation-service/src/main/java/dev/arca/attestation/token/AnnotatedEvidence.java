package dev.arca.attestation.token;

import dev.arca.model.ear.EarClaims;
import dev.arca.model.tee.Tee;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds a device's annotated evidence (Trustee tcb_claims.md), which is both the policy {@code input} and the
 * token's {@code ear.veraison.annotated-evidence}: the verifier's {@code init_data} and {@code report_data} are
 * lifted to the top with the init-data and runtime-data claims beside them, the remaining claims go under the TEE
 * name.
 */
public final class AnnotatedEvidence {

    static final String REPORT_DATA = "report_data";
    static final String INIT_DATA = "init_data";

    private AnnotatedEvidence() {
    }

    /**
     * @param runtimeDataClaims the structured runtime data, or null (raw or none)
     * @param initDataClaims    the init-data TOML's {@code data}, or null (digest or none)
     */
    public static ObjectNode of(Tee tee, ObjectNode verifierClaims, JsonNode runtimeDataClaims,
            JsonNode initDataClaims) {
        ObjectNode claims = verifierClaims.deepCopy();
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        JsonNode initData = claims.remove(INIT_DATA);
        if (initData != null) {
            out.set(INIT_DATA, initData);
            out.set(EarClaims.INIT_DATA_CLAIMS, orNull(initDataClaims));
        }
        JsonNode reportData = claims.remove(REPORT_DATA);
        if (reportData != null) {
            out.set(REPORT_DATA, reportData);
            out.set(EarClaims.RUNTIME_DATA_CLAIMS, orNull(runtimeDataClaims));
        }
        out.set(tee.wireName(), claims);
        return out;
    }

    private static JsonNode orNull(JsonNode value) {
        return value == null ? NullNode.getInstance() : value.deepCopy();
    }
}
