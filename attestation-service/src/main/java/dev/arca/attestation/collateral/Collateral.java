package dev.arca.attestation.collateral;

import java.time.Instant;

/**
 * A collateral document as the provider hands it out, with when it was fetched and when it is due to be replaced,
 * so a verifier can report its age; whether it is still valid at the verification time is the verifier's check.
 *
 * @param value      the parsed document
 * @param fetchedAt  when the source delivered it
 * @param nextUpdate when the provider fetches it again
 * @param stale      true when it is past {@code nextUpdate} and served only because the source failed
 */
public record Collateral<V>(V value, Instant fetchedAt, Instant nextUpdate, boolean stale) {
}
