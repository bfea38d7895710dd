package dev.arca.snp;

import dev.arca.snp.SnpVerificationException.Reason;
import dev.arca.snp.report.SigningKey;
import java.util.EnumSet;
import java.util.Set;

/**
 * The reasons a single flipped byte of a VCEK/VLEK-signed report may be refused with, by the region it falls in
 * (ABI "ATTESTATION_REPORT Structure"): fields the verifier checks before the signature give their own reason, every
 * other signed byte the signature's, the unsigned tail the parser's. Never "accepted", never UNEXPECTED.
 */
final class FlipRegions {

    private FlipRegions() {
    }

    static Set<Reason> expected(int offset, ProcessorGeneration generation, SigningKey signedBy, int version) {
        if (offset >= 0x330) {
            return EnumSet.of(Reason.MALFORMED);
        }
        if (offset >= 0x2A0) {
            return EnumSet.of(Reason.SIGNATURE);
        }
        if (offset < 0x004) {
            return EnumSet.of(Reason.MALFORMED, Reason.SIGNATURE);
        }
        if (offset >= 0x030 && offset < 0x034) {
            return EnumSet.of(Reason.MALFORMED, Reason.SIGNATURE);
        }
        if (offset >= 0x034 && offset < 0x038) {
            return EnumSet.of(Reason.MALFORMED);
        }
        if (offset >= 0x048 && offset < 0x04C) {
            return EnumSet.of(Reason.MALFORMED, Reason.CHAIN, Reason.SIGNATURE);
        }
        if (offset >= 0x180 && offset < 0x188) {
            int index = offset - 0x180;
            boolean level = generation.turinLayout() ? index <= 3 || index == 7 : index <= 1 || index >= 6;
            return EnumSet.of(level ? Reason.TCB_MISMATCH : Reason.SIGNATURE);
        }
        if (offset >= 0x188 && offset < 0x18B && version >= 3) {
            return EnumSet.of(Reason.MALFORMED, Reason.CHAIN, Reason.SIGNATURE);
        }
        if (offset >= 0x1A0 && offset < 0x1E0 && signedBy == SigningKey.VCEK
                && offset - 0x1A0 < generation.hwIdLength()) {
            return EnumSet.of(Reason.CHIP_ID);
        }
        return EnumSet.of(Reason.SIGNATURE);
    }
}
