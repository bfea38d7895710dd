package dev.arca.agent.attester;

import dev.arca.model.json.HashAlgorithm;

/**
 * A register runtime measurements are extended into (Trustee confidential-containers-eventlog.md): TDX RTMRs or TPM
 * PCRs. Callers name a PCR index, as upstream's {@code ExtendRuntimeMeasurement} does; each TEE maps it to its own
 * register.
 */
public interface MeasurementRegister {

    /** The hash of the register bank, which is also the event-log digest algorithm (TDX SHA-384, TPM SHA-256). */
    HashAlgorithm algorithm();

    /** A short description for messages, e.g. "TDX RTMR" or "vTPM PCR (SHA-256 bank)". */
    String description();

    /**
     * The measurement-register index recorded in an event-log entry for {@code pcr}: the CC MR index for TDX (PCR
     * 17 → MR 4 = RTMR3), the PCR itself for TPMs. Throws when {@code pcr} is out of range.
     */
    int eventLogIndex(int pcr) throws AttesterException;

    /** The current value of the register {@code pcr} maps to. */
    byte[] read(int pcr) throws AttesterException;

    /**
     * Extends the register {@code pcr} maps to with {@code digest} (exactly {@link #algorithm()}'s length):
     * new = H(old ‖ digest).
     */
    void extend(int pcr, byte[] digest) throws AttesterException;
}
