package dev.arca.model.kbs;

/** KBS protocol versions (specs/kbs.md §0, §2.8). */
public final class ProtocolVersion {

    /** What current guests and Trustee ≥ v0.14 speak. */
    public static final String CURRENT = "0.4.0";

    private ProtocolVersion() {
    }
}
