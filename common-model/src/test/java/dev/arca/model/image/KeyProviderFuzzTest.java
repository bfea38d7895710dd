package dev.arca.model.image;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes what a key provider reads from ocicrypt (docs/fuzzing.md): the protocol input in either spelling, and the
 * annotation packet inside it. Bytes are either read or refused with a {@link KeyProviderException}; anything else
 * that escapes is a finding.
 */
class KeyProviderFuzzTest {

    @FuzzTest
    void input(byte[] bytes) {
        try {
            KeyProviderInput request = KeyProviderInput.parse(bytes);
            request.toJson(request.answerEncoding());
        } catch (KeyProviderException refused) {
            // typed refusal
        }
    }

    @FuzzTest
    void annotation(byte[] bytes) {
        try {
            AnnotationPacket packet = AnnotationPacket.parse(bytes);
            packet.open(new byte[AnnotationPacket.KEK_BYTES]);
        } catch (KeyProviderException refused) {
            // typed refusal
        }
    }
}
