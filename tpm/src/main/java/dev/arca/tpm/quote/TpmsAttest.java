package dev.arca.tpm.quote;

import dev.arca.tpm.TpmVerificationException;
import java.util.List;

/**
 * A TPMS_ATTEST of type TPM_ST_ATTEST_QUOTE (TPM 2.0 Library Part 2, TPMS_ATTEST and TPMS_QUOTE_INFO): what the
 * attestation key signed. Layout: magic u32 (TPM_GENERATED_VALUE 0xFF544347), type u16 (0x8018), qualifiedSigner
 * TPM2B_NAME, extraData TPM2B_DATA (the nonce), clockInfo (clock u64, resetCount u32, restartCount u32, safe u8),
 * firmwareVersion u64, then TPMS_QUOTE_INFO: pcrSelect TPML_PCR_SELECTION, pcrDigest TPM2B_DIGEST.
 *
 * @param bytes the marshalled structure, exactly as signed
 */
public record TpmsAttest(byte[] bytes, byte[] qualifiedSigner, byte[] extraData, long clock, long resetCount,
        long restartCount, boolean safe, long firmwareVersion, List<PcrSelection> pcrSelections, byte[] pcrDigest) {

    public static final long TPM_GENERATED_VALUE = 0xFF544347L;
    public static final int TPM_ST_ATTEST_QUOTE = 0x8018;

    public TpmsAttest {
        pcrSelections = List.copyOf(pcrSelections);
    }

    /**
     * @throws TpmVerificationException FORMAT when it is not a marshalled TPM-generated quote
     */
    public static TpmsAttest parse(byte[] bytes) throws TpmVerificationException {
        TpmReader in = new TpmReader(bytes, "TPMS_ATTEST");
        long magic = in.u32();
        if (magic != TPM_GENERATED_VALUE) {
            throw in.invalid("magic is 0x" + Long.toHexString(magic) + ", not TPM_GENERATED_VALUE 0xff544347");
        }
        int type = in.u16();
        if (type != TPM_ST_ATTEST_QUOTE) {
            throw in.invalid("type is 0x" + Integer.toHexString(type) + ", not TPM_ST_ATTEST_QUOTE 0x8018");
        }
        byte[] signer = in.sized();
        byte[] extraData = in.sized();
        long clock = in.u64();
        long resetCount = in.u32();
        long restartCount = in.u32();
        boolean safe = in.u8() != 0;
        long firmware = in.u64();
        List<PcrSelection> selections = PcrSelection.readList(in);
        byte[] pcrDigest = in.sized();
        in.requireEnd();
        return new TpmsAttest(bytes.clone(), signer, extraData, clock, resetCount, restartCount, safe, firmware,
                selections, pcrDigest);
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public byte[] extraData() {
        return extraData.clone();
    }

    @Override
    public byte[] pcrDigest() {
        return pcrDigest.clone();
    }
}
