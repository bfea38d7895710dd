package dev.arca.kbs.plugin;

import dev.arca.model.admin.AdminIdentity;
import java.util.Map;
import org.springframework.http.ResponseEntity;

/**
 * A resource kind served under {@code /kbs/v0/<name>/…} (Trustee KBS PLUGIN_GUIDE.md). The KBS does the rest: it routes
 * by name, authorises admin calls, and for attested calls verifies the token, asks the resource policy, encrypts what
 * the plugin returns to the TEE key and audits the outcome. The secret store ({@code resource}) is one plugin, the
 * certificate issuer ({@code cert}) another; each is a Spring bean implementing this interface.
 */
public interface KbsPlugin {

    /** How a request must be authorised. */
    enum Access {
        /** An admin call: the caller needs an admin credential (docs/kbs.md "Admin API"). */
        ADMIN,
        /** A guest call: the caller needs a verified attestation token and the resource policy's consent. */
        ATTESTED
    }

    /** The route name, the first path segment after {@code /kbs/v0/}. */
    String name();

    /**
     * Validates the shape of the request (path segments, method) before anything else touches storage, and says how
     * it must be authorised. Throws a 400 or 405 {@code KbsException} for a request this plugin cannot serve.
     */
    Access access(PluginRequest request);

    /**
     * What the resource policy sees about an attested request besides plugin, path, query and method: members added
     * to the CEL {@code request} variable. Runs after the token was verified and before the policy; may parse the
     * body (400 when malformed).
     */
    default Map<String, Object> policyAttributes(PluginRequest request) {
        return Map.of();
    }

    /**
     * An attested request the policy allowed: the plaintext, which the KBS encrypts to the TEE key. Return a fresh
     * array: the KBS overwrites it once encrypted.
     */
    byte[] release(PluginRequest request, AttestedCaller caller);

    /** An authorised admin request. */
    ResponseEntity<byte[]> admin(PluginRequest request, AdminIdentity admin);
}
