package dev.arca.attestation.policy;

/** A policy text that does not compile, or compiles to something other than a trust-vector map. */
public class InvalidPolicyException extends Exception {

    public InvalidPolicyException(String message) {
        super(message);
    }
}
