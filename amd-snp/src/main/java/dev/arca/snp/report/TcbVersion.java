package dev.arca.snp.report;

import dev.arca.snp.ProcessorGeneration;

/**
 * A TCB_VERSION (SEV-SNP ABI, "TCB_VERSION"): the security patch levels of the firmware components, one byte each in a
 * little-endian u64 whose byte order depends on the generation: Milan/Genoa [bl, tee, 0, 0, 0, 0, snp, ucode], Turin
 * [fmc, bl, tee, snp, 0, 0, 0, ucode]. {@code fmc} is 0 and meaningless before Turin.
 *
 * @param raw the u64 as the report holds it
 */
public record TcbVersion(ProcessorGeneration generation, long raw, int fmc, int bootloader, int tee, int snp,
        int microcode) {

    public static TcbVersion decode(long raw, ProcessorGeneration generation) {
        if (generation.turinLayout()) {
            return new TcbVersion(generation, raw, octet(raw, 0), octet(raw, 1), octet(raw, 2), octet(raw, 3),
                    octet(raw, 7));
        }
        return new TcbVersion(generation, raw, 0, octet(raw, 0), octet(raw, 1), octet(raw, 6), octet(raw, 7));
    }

    /** A TCB from its components (the certified SPLs of a VCEK/VLEK), encoded in the generation's byte order. */
    public static TcbVersion of(ProcessorGeneration generation, int fmc, int bootloader, int tee, int snp,
            int microcode) {
        long raw = generation.turinLayout()
                ? place(fmc, 0) | place(bootloader, 1) | place(tee, 2) | place(snp, 3) | place(microcode, 7)
                : place(bootloader, 0) | place(tee, 1) | place(snp, 6) | place(microcode, 7);
        return decode(raw, generation);
    }

    /** True when the components that the generation defines are equal (FMC only on Turin). */
    public boolean sameLevels(TcbVersion other) {
        return bootloader == other.bootloader && tee == other.tee && snp == other.snp && microcode == other.microcode
                && (!hasFmc() || fmc == other.fmc);
    }

    /** True when this generation has an FMC component (Turin). */
    public boolean hasFmc() {
        return generation.turinLayout();
    }

    /**
     * The KDS query of a VCEK for this TCB (AMD pub. 57230 "VCEK certificate request"): two-digit decimal SPLs,
     * {@code fmcSPL} first on Turin.
     */
    public String kdsQuery() {
        String common = String.format("blSPL=%02d&teeSPL=%02d&snpSPL=%02d&ucodeSPL=%02d", bootloader, tee, snp,
                microcode);
        return hasFmc() ? String.format("fmcSPL=%02d&", fmc) + common : common;
    }

    /** Upstream's offline-store file prefix: {@code bl03_tee00_snp08_ucode115[_fmc00]}. */
    public String filePrefix() {
        String common = String.format("bl%02d_tee%02d_snp%02d_ucode%02d", bootloader, tee, snp, microcode);
        return hasFmc() ? common + String.format("_fmc%02d", fmc) : common;
    }

    @Override
    public String toString() {
        return (hasFmc() ? "fmc " + fmc + " / " : "") + "bl " + bootloader + " / tee " + tee + " / snp " + snp
                + " / ucode " + microcode;
    }

    private static long place(int value, int index) {
        return (long) (value & 0xFF) << (8 * index);
    }

    private static int octet(long raw, int index) {
        return (int) (raw >>> (8 * index)) & 0xFF;
    }
}
