package dev.arca.kbs.audit;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.arca.model.json.Hex;
import dev.arca.model.json.Jcs;
import dev.arca.model.json.Json;
import dev.arca.model.kbs.TeePublicKey;
import dev.arca.model.tee.Tee;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * The audit trail (docs/kbs.md "Audit"): every release or refusal goes to table {@code kbs_audit} and, as one
 * JSON line, to logger {@code dev.arca.kbs.audit}, so it can be routed and retained apart from the application log.
 * Admin changes to secrets go to the log. Never contains a secret or a token.
 */
@Component
public class AuditLog {

    private static final Logger audit = LoggerFactory.getLogger("dev.arca.kbs.audit");
    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);

    private final AuditStore store;

    public AuditLog(AuditStore store) {
        this.store = store;
    }

    /**
     * A release: logged, then stored. If it cannot be stored the exception propagates, so the caller releases nothing
     * — a secret never leaves without its record (fail closed).
     */
    public void released(AuditRecord record) {
        audit.info(line("release", record));
        store.insert(record);
    }

    /** A refusal: logged and stored; a storage failure is logged, the refusal stands anyway. */
    public void refused(AuditRecord record) {
        audit.warn(line("release", record));
        try {
            store.insert(record);
        } catch (RuntimeException e) {
            log.error("cannot store the audit record of a refusal: {}", e.getMessage());
        }
    }

    public void adminChange(String event, String resource, String admin, String outcome) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("event", event);
        line.put("decision", outcome);
        line.put("resource", resource);
        line.put("admin", admin);
        audit.info(Json.write(line));
    }

    private static String line(String event, AuditRecord record) {
        return Json.write(new Line(event, record));
    }

    /** The log line: the event, then the record's members, written in one pass (no intermediate map). */
    private record Line(String event, @JsonUnwrapped AuditRecord record) {
    }

    /** Hex SHA-256 of the RFC 8785 canonical form of the claims: identifies them without repeating them. */
    public static String claimsDigest(JsonNode claims) {
        return Hex.of(sha256(Jcs.canonicalize(claims)));
    }

    /** The TEE whose evidence the token's cpu0 appraisal annotates (its TEE-named member), if any. */
    public static String teeOf(JsonNode claims) {
        JsonNode annotated = claims.at("/submods/cpu0/ear.veraison.annotated-evidence");
        if (annotated.isObject()) {
            for (String name : annotated.propertyNames()) {
                if (Tee.fromWire(name).isPresent()) {
                    return Tee.fromWire(name).get().wireName();
                }
            }
        }
        return null;
    }

    /** First 8 bytes of SHA-256 of the key's SubjectPublicKeyInfo, hex. */
    /**
     * What the audit log keeps of a session id: its hex SHA-256. Whoever reads the audit log can correlate records
     * of one session, and compare with a known id, but cannot present the id as a cookie.
     */
    public static String sessionDigest(String sessionId) {
        return sessionId == null ? null : Hex.of(sha256(sessionId.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    public static String fingerprint(TeePublicKey key) {
        return Hex.of(Arrays.copyOf(sha256(key.publicKey().getEncoded()), 8));
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
