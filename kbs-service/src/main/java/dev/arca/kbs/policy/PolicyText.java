package dev.arca.kbs.policy;

import dev.arca.kbs.error.KbsException;
import dev.arca.model.error.KbsErrorType;
import dev.arca.model.policy.PolicyType;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Policy text as uploads carry it: base64url of UTF-8 Rego or CEL text (Trustee kbs_attestation_protocol.md), and the
 * envelope's optional {@code type} declaring its language.
 */
public final class PolicyText {

    private PolicyText() {
    }

    /** base64url, without padding as upstream sends it, padding tolerated; UTF-8 text. */
    static String decode(String encoded) {
        if (encoded == null) {
            throw new KbsException(KbsErrorType.ParsePolicyError, "Failed to parse policy: member 'policy' is required");
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(encoded.strip());
        } catch (IllegalArgumentException e) {
            throw new KbsException(KbsErrorType.ParsePolicyError, "Failed to parse policy: policy is not base64url");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new KbsException(KbsErrorType.ParsePolicyError, "Failed to parse policy: policy is not UTF-8 text");
        }
    }

    /**
     * The envelope's {@code type}: {@code rego} (upstream's; legacy {@code opa}), {@code cel}, or absent (the text
     * decides); anything else is refused.
     */
    public static Optional<PolicyType> declaredType(String type) {
        try {
            return PolicyType.parse(type);
        } catch (IllegalArgumentException e) {
            throw new KbsException(KbsErrorType.ParsePolicyError, "Failed to parse policy: " + e.getMessage());
        }
    }

    static String encode(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
