package dev.arca.tpm.eventlog;

/** One digest of a TCG_PCR_EVENT2 entry. The array is owned by the record. */
public record EventDigest(TcgAlgorithm algorithm, byte[] digest) {
}
