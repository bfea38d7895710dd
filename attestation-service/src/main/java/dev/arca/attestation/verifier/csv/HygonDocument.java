package dev.arca.attestation.verifier.csv;

/**
 * A document of Hygon's KDS: the HRK, or one chip's HSK and CEK.
 *
 * @param chipId the chip, or null for the HRK
 */
record HygonDocument(String chipId) {

    static final HygonDocument HRK = new HygonDocument(null);

    static HygonDocument hskCek(String chipId) {
        return new HygonDocument(chipId);
    }

    /** The collateral key: {@code hrk}, or {@code hsk_cek.<chip id>} (chip ids are letters, digits, '-' and '_'). */
    String keyText() {
        return chipId == null ? "hrk" : "hsk_cek." + chipId;
    }
}
