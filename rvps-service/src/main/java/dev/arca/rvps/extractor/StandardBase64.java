package dev.arca.rvps.extractor;

import dev.arca.rvps.InvalidRequestException;
import java.util.Base64;

/**
 * Decodes payloads that upstream carries as standard, padded base64 (RFC 4648 §4; Trustee rvps/README.md, used by the
 * sample, swid and corim extractors).
 */
public final class StandardBase64 {

    private StandardBase64() {
    }

    /**
     * @param what the payload's name in error messages, e.g. "sample payload"
     * @throws InvalidRequestException when the text is not canonical standard base64
     */
    public static byte[] decode(String what, String text) {
        // upstream's decoder requires canonical padding; the JDK's would accept an unpadded payload
        if (text.length() % 4 != 0) {
            throw new InvalidRequestException(
                    what + " is not standard base64: its length is not a multiple of 4 (padding missing?)");
        }
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(what + " is not standard base64: " + e.getMessage());
        }
    }
}
