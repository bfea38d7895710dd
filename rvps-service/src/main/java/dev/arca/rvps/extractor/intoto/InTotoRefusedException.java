package dev.arca.rvps.extractor.intoto;

import dev.arca.rvps.InvalidRequestException;

/**
 * An in-toto payload that does not verify or cannot be read (answered 400 with the reason; nothing is stored). The
 * reason names the layout, step, link, key or rule concerned, so the supply-chain owner can act on it.
 */
public class InTotoRefusedException extends InvalidRequestException {

    public InTotoRefusedException(String reason) {
        super("in-toto verification failed: " + reason);
    }
}
