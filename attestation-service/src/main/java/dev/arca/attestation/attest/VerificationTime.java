package dev.arca.attestation.attest;

import java.time.Instant;

/**
 * The instant evidence is verified at, and whether it is another instant than now.
 *
 * @param instant the instant passed to verifiers
 * @param asOf    true when it came from {@code verify_at} or {@code arca.as.verify-as-of}, not from the clock
 */
record VerificationTime(Instant instant, boolean asOf) {
}
