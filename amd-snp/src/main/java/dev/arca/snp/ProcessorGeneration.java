package dev.arca.snp;

import dev.arca.snp.SnpVerificationException.Reason;
import java.util.Optional;

/**
 * The AMD EPYC generations whose SEV-SNP certificates and TCB_VERSION layouts differ. The name is the product name of
 * AMD's KDS URLs ({@code /vcek/v1/{product}/...}) and of the VCEK/VLEK productName extension (before the stepping
 * suffix: "Milan-B0", "Genoa-B1", "Turin").
 */
public enum ProcessorGeneration {
    /** 3rd Gen EPYC (family 0x19, models 0x00–0x0F). */
    MILAN("Milan"),
    /** 4th Gen EPYC (family 0x19, models 0x10–0x1F and 0xA0–0xAF). */
    GENOA("Genoa"),
    /** 5th Gen EPYC (family 0x1A, models 0x00–0x11): 8-byte hwID, fmcSPL and another TCB_VERSION byte order. */
    TURIN("Turin");

    private final String productName;

    ProcessorGeneration(String productName) {
        this.productName = productName;
    }

    /** The KDS product name: Milan, Genoa or Turin. */
    public String productName() {
        return productName;
    }

    /** Turin reports TCB_VERSION as [fmc, bl, tee, snp, 0, 0, 0, ucode] and its VCEKs carry an 8-byte hwID. */
    public boolean turinLayout() {
        return this == TURIN;
    }

    /** Bytes of the chip id that the hwID extension (and the KDS URL) carries. */
    public int hwIdLength() {
        return this == TURIN ? 8 : 64;
    }

    /**
     * The generation a report v3+ names by its CPUID (AMD's family/model assignments, as Trustee's SNP verifier maps
     * them).
     *
     * @throws SnpVerificationException MALFORMED for a processor that is not an SEV-SNP EPYC this verifier knows
     */
    public static ProcessorGeneration fromCpuid(int family, int model) throws SnpVerificationException {
        if (family == 0x19 && model <= 0x0F) {
            return MILAN;
        }
        if (family == 0x19 && (model >= 0x10 && model <= 0x1F || model >= 0xA0 && model <= 0xAF)) {
            return GENOA;
        }
        if (family == 0x1A && model <= 0x11) {
            return TURIN;
        }
        throw new SnpVerificationException(Reason.MALFORMED, String.format(
                "the report names an unsupported processor (CPUID family 0x%02x model 0x%02x)", family, model));
    }

    /** The generation of a VCEK/VLEK productName ("Milan-B0" → MILAN), if it names a known one. */
    public static Optional<ProcessorGeneration> fromProductName(String productName) {
        String base = productName.split("-", 2)[0].trim();
        for (ProcessorGeneration generation : values()) {
            if (generation.productName.equalsIgnoreCase(base)) {
                return Optional.of(generation);
            }
        }
        return Optional.empty();
    }

    /** Parses a configured product name (case-insensitive: "milan", "Genoa", "TURIN"). */
    public static ProcessorGeneration parse(String name) {
        return fromProductName(name).orElseThrow(() -> new IllegalArgumentException("unknown AMD product '" + name
                + "'; expected one of Milan, Genoa, Turin"));
    }

    @Override
    public String toString() {
        return productName;
    }
}
