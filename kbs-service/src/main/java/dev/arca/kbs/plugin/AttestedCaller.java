package dev.arca.kbs.plugin;

import dev.arca.kbs.token.VerifiedToken;
import tools.jackson.databind.JsonNode;

/**
 * The guest behind an attested plugin request: its verified token (claims and TEE key), and the session id when the
 * token came from a cookie session.
 */
public record AttestedCaller(VerifiedToken token, String sessionId) {

    /**
     * {@code init_data_claims} of cpu0, which upstream hands to plugins (Trustee KBS PLUGIN_GUIDE.md); may be missing.
     */
    public JsonNode initDataClaims() {
        return token.claims().at("/submods/cpu0/ear.veraison.annotated-evidence/init_data_claims");
    }
}
