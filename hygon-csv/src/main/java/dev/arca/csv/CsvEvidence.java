package dev.arca.csv;

import java.util.Optional;

/**
 * Hygon CSV evidence, as Trustee's CSV attester sends it (Trustee csv verifier {@code CsvEvidence}), with every
 * certificate and the report rebuilt into the bytes the PSP wrote. Read it from JSON with {@link CsvEvidenceJson}.
 *
 * @param magic      the report wrapper's 16-byte magic
 * @param flags      the report wrapper's flags
 * @param report     the 4096-byte report page
 * @param hskCek     the HSK (832 bytes) followed by the CEK (2084 bytes), when the evidence carries them; null
 *                   otherwise, and they are fetched by chip id
 * @param pek        the 2084-byte PEK certificate
 * @param chipId     the chip id (the serial number up to its NULs), which names the chip's HSK and CEK
 * @param ccEventLog the CC event log, when the evidence carries one; null otherwise
 */
public record CsvEvidence(byte[] magic, long flags, byte[] report, byte[] hskCek, byte[] pek, String chipId,
        byte[] ccEventLog) {

    public Optional<byte[]> hskCekIfPresent() {
        return Optional.ofNullable(hskCek);
    }

    public Optional<byte[]> ccEventLogIfPresent() {
        return Optional.ofNullable(ccEventLog);
    }
}
