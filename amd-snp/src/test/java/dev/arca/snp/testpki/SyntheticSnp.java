package dev.arca.snp.testpki;

import dev.arca.snp.CertTableEntry;
import dev.arca.snp.ProcessorGeneration;
import dev.arca.snp.SnpVerifier;
import dev.arca.snp.SnpVerifierOptions;
import dev.arca.snp.kds.KdsRequest;
import dev.arca.snp.report.SigningKey;
import dev.arca.snp.report.TcbVersion;
import java.util.List;

/**
 * A synthetic SEV-SNP platform over the {@link AmdTestPki}: one chip of a generation at a TCB, its VCEK, a VLEK of a
 * cloud provider, a fake KDS that serves the chip's VCEK and the cert chains, and reports signed by either key.
 */
public final class SyntheticSnp {

    private final AmdTestPki pki;
    private final ProcessorGeneration generation;
    private final byte[] chipId;
    private final TcbVersion tcb;
    private final AmdTestPki.IssuedKey vcek;
    private final FakeKds kds = new FakeKds();

    public SyntheticSnp(AmdTestPki pki, ProcessorGeneration generation, byte[] chipId, TcbVersion tcb) {
        this.pki = pki;
        this.generation = generation;
        this.chipId = chipId.clone();
        this.tcb = tcb;
        this.vcek = pki.vcek(generation, chipId, tcb);
        kds.put(vcekRequest(), vcek.der());
        for (SigningKey kind : SigningKey.values()) {
            kds.put(new KdsRequest.CertChain(generation, kind), pki.certChainPem(generation, kind));
        }
    }

    /** A chip with a distinctive chip id and a TCB typical of the generation. */
    public static SyntheticSnp of(AmdTestPki pki, ProcessorGeneration generation) {
        byte[] chipId = new byte[64];
        for (int i = 0; i < chipId.length; i++) {
            chipId[i] = (byte) (0xA0 + i * 7 + generation.ordinal());
        }
        if (generation.turinLayout()) {
            java.util.Arrays.fill(chipId, 8, 64, (byte) 0);
        }
        return new SyntheticSnp(pki, generation, chipId, TcbVersion.of(generation, generation.turinLayout() ? 1 : 0,
                4, 0, 24, 219));
    }

    public KdsRequest.Vcek vcekRequest() {
        return new KdsRequest.Vcek(generation, java.util.Arrays.copyOf(chipId, generation.hwIdLength()), tcb);
    }

    public SnpVerifier verifier() {
        return verifier(SnpVerifierOptions.defaults());
    }

    public SnpVerifier verifier(SnpVerifierOptions options) {
        return SnpVerifier.forSource(kds, pki.roots(), options);
    }

    /** A report of this chip at its TCB, VCEK-signed, ready to adjust before signing. */
    public SnpReportBuilder report() {
        return SnpReportBuilder.forGeneration(generation).tcb(tcb).chipId(chipId).signingKey(SigningKey.VCEK);
    }

    public byte[] signedByVcek(SnpReportBuilder report) {
        return report.signedBy(vcek.keyPair().getPrivate());
    }

    public List<CertTableEntry> vcekTable() {
        return List.of(new CertTableEntry(CertTableEntry.Type.VCEK, vcek.der()));
    }

    public AmdTestPki pki() {
        return pki;
    }

    public ProcessorGeneration generation() {
        return generation;
    }

    public byte[] chipId() {
        return chipId.clone();
    }

    public TcbVersion tcb() {
        return tcb;
    }

    public AmdTestPki.IssuedKey vcek() {
        return vcek;
    }

    public FakeKds kds() {
        return kds;
    }
}
