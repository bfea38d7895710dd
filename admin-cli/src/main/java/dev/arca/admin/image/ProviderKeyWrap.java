package dev.arca.admin.image;

import dev.arca.agent.image.ImageException;
import dev.arca.agent.image.LayerKeyWrap;
import dev.arca.model.image.AnnotationPacket;
import dev.arca.model.image.KeyProviderException;

/** The encryption key provider as a layer key wrapper, in-process: what skopeo would get from it over cmd or gRPC. */
public record ProviderKeyWrap(EncryptionKeyProvider provider, KeyWrapParameters parameters) implements LayerKeyWrap {

    @Override
    public String annotation() {
        return AnnotationPacket.ANNOTATION;
    }

    @Override
    public byte[] wrap(byte[] optsData) throws ImageException {
        try {
            return provider.wrap(optsData, parameters);
        } catch (KeyProviderException e) {
            throw new ImageException(e.getMessage(), e);
        }
    }
}
