package dev.arca.nvidia.chain;

import java.security.PublicKey;
import java.time.Instant;
import java.util.Objects;

/**
 * What a device chain that validated to a pinned root vouches for: the leaf's key and FWID, and the window in which
 * every certificate of the chain is valid, so a later report from the same device is checked without re-validating.
 */
public record ValidatedChain(PublicKey leafKey, byte[] leafFwid, String leafSubject, Instant notBefore,
        Instant notAfter) {

    public ValidatedChain {
        Objects.requireNonNull(leafKey, "leafKey");
        leafFwid = leafFwid.clone();
        Objects.requireNonNull(leafSubject, "leafSubject");
    }

    @Override
    public byte[] leafFwid() {
        return leafFwid.clone();
    }

    /** Whether every certificate of the chain is valid at {@code at}. */
    public boolean validAt(Instant at) {
        return !at.isBefore(notBefore) && !at.isAfter(notAfter);
    }
}
