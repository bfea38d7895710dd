package dev.arca.tpm.quote;

import dev.arca.tpm.TpmVerificationException;
import dev.arca.tpm.eventlog.TcgAlgorithm;
import java.util.ArrayList;
import java.util.List;

/**
 * One TPMS_PCR_SELECTION of a quote (TPM 2.0 Library Part 2): a bank (hash) and the PCRs selected in it, read from the
 * bitmap (bit i of byte j selects PCR 8j + i), in ascending order, which is the order the TPM concatenates them in.
 */
public record PcrSelection(TcgAlgorithm bank, List<Integer> pcrs) {

    private static final int MAX_BANKS = 16;
    private static final int MAX_SELECT_BYTES = 32;

    public PcrSelection {
        pcrs = List.copyOf(pcrs);
    }

    /** TPML_PCR_SELECTION: count u32, then count × (hash u16, sizeofSelect u8, pcrSelect[sizeofSelect]). */
    static List<PcrSelection> readList(TpmReader in) throws TpmVerificationException {
        long count = in.u32();
        if (count > MAX_BANKS) {
            throw in.invalid("TPML_PCR_SELECTION claims " + count + " banks");
        }
        List<PcrSelection> selections = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int hash = in.u16();
            TcgAlgorithm bank = TcgAlgorithm.fromId(hash).filter(a -> a.jcaName() != null)
                    .orElseThrow(() -> in.invalid("PCR bank 0x" + Integer.toHexString(hash) + " is not supported"));
            int size = in.u8();
            if (size > MAX_SELECT_BYTES) {
                throw in.invalid("a PCR selection of " + size + " bytes");
            }
            byte[] bitmap = in.bytes(size);
            List<Integer> pcrs = new ArrayList<>();
            for (int index = 0; index < size * 8; index++) {
                if ((bitmap[index / 8] >> (index % 8) & 1) != 0) {
                    pcrs.add(index);
                }
            }
            selections.add(new PcrSelection(bank, pcrs));
        }
        return selections;
    }
}
