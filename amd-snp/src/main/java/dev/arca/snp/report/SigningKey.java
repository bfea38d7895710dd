package dev.arca.snp.report;

/** Which key signed the report (flags bits 2–4): the chip's VCEK or a cloud provider's VLEK. */
public enum SigningKey {
    /** Versioned Chip Endorsement Key: one per chip and TCB, fetchable from the KDS by chip id. */
    VCEK,
    /** Versioned Loaded Endorsement Key: loaded by a cloud provider; it cannot be fetched, the evidence carries it. */
    VLEK;

    /** The certificate's subject common name (AMD pub. 57230): SEV-VCEK or SEV-VLEK. */
    public String commonName() {
        return "SEV-" + name();
    }
}
