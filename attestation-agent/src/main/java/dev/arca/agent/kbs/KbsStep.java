package dev.arca.agent.kbs;

import java.util.Locale;

/** The steps of the RCAR flow and resource retrieval (guest-components kbs_protocol), as named in error messages. */
public enum KbsStep {
    AUTH,
    ATTEST,
    RESOURCE;

    /** auth, attest, resource. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return label();
    }
}
