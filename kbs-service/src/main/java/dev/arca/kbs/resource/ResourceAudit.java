package dev.arca.kbs.resource;

import dev.arca.kbs.error.KbsException;
import dev.arca.model.json.Hex;
import dev.arca.model.json.Json;
import dev.arca.model.kbs.TeePublicKey;
import dev.arca.model.resource.ResourcePath;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The audit record of every secret released or refused, and of every admin change to a secret (DESIGN.md
 * "Observability"): one JSON line on logger {@code dev.arca.kbs.audit}, so it can be routed and retained apart from
 * the application log. Never contains a secret or a token; the TEE key appears as a short SHA-256 fingerprint.
 */
@Component
public class ResourceAudit {

    private static final Logger audit = LoggerFactory.getLogger("dev.arca.kbs.audit");

    public void released(ResourcePath path, String via, TeePublicKey key) {
        Map<String, Object> record = base("resource-release", "released", path);
        record.put("via", via);
        record.put("tee-key", fingerprint(key));
        record.put("alg", key.alg());
        audit.info(Json.write(record));
    }

    public void refused(ResourcePath path, String via, TeePublicKey key, KbsException reason) {
        Map<String, Object> record = base("resource-release", "refused", path);
        if (via != null) {
            record.put("via", via);
        }
        if (key != null) {
            record.put("tee-key", fingerprint(key));
        }
        record.put("status", reason.status());
        record.put("reason", reason.problem().errorName());
        record.put("detail", reason.problem().detail());
        audit.warn(Json.write(record));
    }

    public void adminChange(String event, ResourcePath path, String admin, String outcome) {
        Map<String, Object> record = base(event, outcome, path);
        record.put("admin", admin);
        audit.info(Json.write(record));
    }

    private static Map<String, Object> base(String event, String outcome, ResourcePath path) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("event", event);
        record.put("outcome", outcome);
        record.put("resource", path.toString());
        return record;
    }

    private static String fingerprint(TeePublicKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.publicKey().getEncoded());
            return Hex.of(Arrays.copyOf(digest, 8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
