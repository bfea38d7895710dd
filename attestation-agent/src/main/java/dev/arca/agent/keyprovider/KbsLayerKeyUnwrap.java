package dev.arca.agent.keyprovider;

import dev.arca.agent.image.ImageException;
import dev.arca.agent.image.LayerKeyUnwrap;
import dev.arca.model.image.AnnotationPacket;
import dev.arca.model.image.KeyProviderException;

/**
 * The guest's unwrapper of the {@code attestation-agent} key-provider annotation: the key-encryption key comes from
 * the KBS (after attestation), as when ocicrypt runs {@code keyprovider}.
 */
public record KbsLayerKeyUnwrap(LayerKeyUnwrapper unwrapper) implements LayerKeyUnwrap {

    @Override
    public String annotation() {
        return AnnotationPacket.ANNOTATION;
    }

    @Override
    public byte[] unwrap(byte[] annotation) throws ImageException {
        try {
            return unwrapper.unwrap(AnnotationPacket.parse(annotation));
        } catch (KeyProviderException e) {
            throw new ImageException(e.getMessage(), e);
        }
    }
}
