package dev.arca.agent.image;

/**
 * One ocicrypt key wrapper on the encrypting side: seals a layer's private options for its recipients and names the
 * layer annotation the result goes in ({@code org.opencontainers.image.enc.keys.<scheme>}).
 */
public interface LayerKeyWrap {

    String annotation();

    byte[] wrap(byte[] optsData) throws ImageException;
}
