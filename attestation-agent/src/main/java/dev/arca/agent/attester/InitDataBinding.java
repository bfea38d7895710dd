package dev.arca.agent.attester;

import java.util.Locale;
import java.util.Objects;

/**
 * What binding an init-data digest to the TEE did (Trustee initdata.md).
 *
 * @param outcome what happened
 * @param detail  one line for an operator: which field or register, and the values when they differ
 */
public record InitDataBinding(Outcome outcome, String detail) {

    public enum Outcome {
        /** The launch-time field (TDX MRCONFIGID, SNP HOST_DATA) holds the digest. */
        MATCHES,
        /** The digest was extended into a register (vTPM/TPM PCR 8). */
        EXTENDED,
        /** The launch-time field holds something else: the TEE was not launched with this init-data. */
        MISMATCH,
        /** The TEE has nowhere to bind init-data; the verifier cannot check it either. */
        UNSUPPORTED,
        /** The TEE could not be asked (device error, or a digest the register cannot take). */
        FAILED
    }

    public InitDataBinding {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(detail, "detail");
    }

    public static InitDataBinding matches(String detail) {
        return new InitDataBinding(Outcome.MATCHES, detail);
    }

    public static InitDataBinding extended(String detail) {
        return new InitDataBinding(Outcome.EXTENDED, detail);
    }

    public static InitDataBinding mismatch(String detail) {
        return new InitDataBinding(Outcome.MISMATCH, detail);
    }

    public static InitDataBinding unsupported(String detail) {
        return new InitDataBinding(Outcome.UNSUPPORTED, detail);
    }

    public static InitDataBinding failed(String detail) {
        return new InitDataBinding(Outcome.FAILED, detail);
    }

    /** The outcome in lower case, as printed and served: matches, extended, mismatch, unsupported, failed. */
    public String label() {
        return outcome.name().toLowerCase(Locale.ROOT);
    }

    /** True unless the TEE contradicts the init-data or could not bind it (fail closed). */
    public boolean acceptable() {
        return outcome != Outcome.MISMATCH && outcome != Outcome.FAILED;
    }
}
