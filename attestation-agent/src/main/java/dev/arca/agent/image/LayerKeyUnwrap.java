package dev.arca.agent.image;

/**
 * One ocicrypt key wrapper on the decrypting side: opens the annotation it reads, giving the layer's private options,
 * or null when this unwrapper holds no key for it (another may).
 */
public interface LayerKeyUnwrap {

    String annotation();

    byte[] unwrap(byte[] annotation) throws ImageException;
}
