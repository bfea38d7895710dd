package dev.arca.kbs.policy;

import dev.arca.model.json.Hex;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;

/** A resource policy as stored: its id, the prefix it is bound to, its CEL text, when it was last set. */
public record StoredPolicy(String id, String binding, String text, Instant updatedAt) {

    /** SHA-256 of the text, so an admin can tell versions apart without reading the policy. */
    public String digest() {
        try {
            return Hex.of(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
