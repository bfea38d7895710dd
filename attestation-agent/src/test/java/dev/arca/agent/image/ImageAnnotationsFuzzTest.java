package dev.arca.agent.image;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.security.KeyPair;
import java.security.KeyPairGenerator;

/**
 * Fuzzes what an encrypted image carries in clear, as the guest reads it (docs/fuzzing.md): the layer options (the
 * public half from the {@code pubopts} annotation, the private half a key wrapper returns) and the {@code jwe}
 * annotation opened with a key that is not its recipient. Bytes are read or refused with an {@link ImageException}
 * (a JWE for someone else is null); anything else that escapes is a finding.
 */
class ImageAnnotationsFuzzTest {

    private static final KeyPair RSA;

    static {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            RSA = generator.generateKeyPair();
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @FuzzTest
    void layerOptions(byte[] bytes) {
        try {
            LayerOptions.Public.parse(bytes).toJson();
        } catch (ImageException refused) {
            // typed refusal
        }
        try {
            LayerOptions.Private.parse(bytes);
        } catch (ImageException refused) {
            // typed refusal
        }
    }

    @FuzzTest
    void jweAnnotation(byte[] bytes) {
        try {
            JweRecipients.unwrap(bytes, RSA.getPrivate());
        } catch (ImageException refused) {
            // typed refusal
        }
    }
}
