package dev.arca.attestation.verifier.intel;

import java.util.Locale;

/**
 * Which TCB Info and QE Identity Intel serves (Intel PCS API v4 {@code update}
 * parameter): {@code early} reflects a TCB recovery as soon as Intel publishes it, {@code standard} only after the
 * recovery's deadline. Upstream defaults to early.
 */
public enum TcbUpdate {
    EARLY,
    STANDARD;

    /** The query value, {@code early} or {@code standard}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
