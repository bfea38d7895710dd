package dev.arca.snp.kds;

import dev.arca.snp.ProcessorGeneration;
import dev.arca.snp.report.SigningKey;
import dev.arca.snp.report.TcbVersion;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * What can be asked of AMD's Key Distribution Service (AMD pub. 57230, "KDS interface"), and its path on the KDS,
 * which is also the key under which a persistent cache stores the answer.
 */
public sealed interface KdsRequest {

    ProcessorGeneration generation();

    /** The KDS path and query, e.g. {@code /vcek/v1/Milan/<hwid>?blSPL=03&teeSPL=00&snpSPL=08&ucodeSPL=115}. */
    String path();

    /** The VCEK of one chip at one TCB: DER. */
    record Vcek(ProcessorGeneration generation, byte[] hwId, TcbVersion tcb) implements KdsRequest {

        public Vcek {
            hwId = hwId.clone();
            if (hwId.length != generation.hwIdLength()) {
                throw new IllegalArgumentException("a " + generation + " hwID is " + generation.hwIdLength()
                        + " bytes, got " + hwId.length);
            }
        }

        public String hwIdHex() {
            return HexFormat.of().formatHex(hwId);
        }

        @Override
        public String path() {
            return "/vcek/v1/" + generation.productName() + "/" + hwIdHex() + "?" + tcb.kdsQuery();
        }

        @Override
        public byte[] hwId() {
            return hwId.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Vcek that && generation == that.generation && Arrays.equals(hwId, that.hwId)
                    && tcb.raw() == that.tcb.raw();
        }

        @Override
        public int hashCode() {
            return 31 * (31 * generation.hashCode() + Arrays.hashCode(hwId)) + Long.hashCode(tcb.raw());
        }

        @Override
        public String toString() {
            return path();
        }
    }

    /** The ASK‖ARK (VCEK) or ASVK‖ARK (VLEK) of a generation: PEM. */
    record CertChain(ProcessorGeneration generation, SigningKey kind) implements KdsRequest {
        @Override
        public String path() {
            return root(kind) + generation.productName() + "/cert_chain";
        }
    }

    /** The ARK's CRL of a generation's ASKs (VCEK) or ASVKs (VLEK): DER. */
    record Crl(ProcessorGeneration generation, SigningKey kind) implements KdsRequest {
        @Override
        public String path() {
            return root(kind) + generation.productName() + "/crl";
        }
    }

    private static String root(SigningKey kind) {
        return kind == SigningKey.VCEK ? "/vcek/v1/" : "/vlek/v1/";
    }
}
