package dev.arca.tpm.testkeys;

import dev.arca.tpm.eventlog.TcgAlgorithm;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Builds a TPMS_ATTEST of type quote (TPM 2.0 Library Part 2) the way TPM2_Quote does: the selected PCRs of each bank
 * concatenated in selection order and hashed with the signing scheme's hash into pcrDigest.
 */
public final class TestQuote {

    private final Map<TcgAlgorithm, SortedMap<Integer, byte[]>> banks = new LinkedHashMap<>();
    private byte[] nonce = new byte[0];
    private TcgAlgorithm digestHash = TcgAlgorithm.SHA256;
    private byte[] pcrDigestOverride;

    /** PCR values 0–23 of a bank, each H("pcr" ‖ index) so that they differ. */
    public static List<byte[]> samplePcrs(TcgAlgorithm bank) {
        List<byte[]> values = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            values.add(bank.digest(("pcr" + i).getBytes()).orElseThrow());
        }
        return values;
    }

    public TestQuote nonce(byte[] nonce) {
        this.nonce = nonce.clone();
        return this;
    }

    /** Selects {@code pcrs} of {@code bank} with these values (index → value). */
    public TestQuote select(TcgAlgorithm bank, List<Integer> pcrs, List<byte[]> values) {
        SortedMap<Integer, byte[]> selected = banks.computeIfAbsent(bank, b -> new TreeMap<>());
        for (int pcr : pcrs) {
            selected.put(pcr, values.get(pcr).clone());
        }
        return this;
    }

    /** The hash pcrDigest is computed with: the signing scheme's. */
    public TestQuote digestHash(TcgAlgorithm hash) {
        this.digestHash = hash;
        return this;
    }

    public TestQuote pcrDigest(byte[] digest) {
        this.pcrDigestOverride = digest.clone();
        return this;
    }

    public byte[] build() {
        TpmBytes out = new TpmBytes().u32(0xFF544347L).u16(0x8018);
        out.sized(new byte[] {0, 0x0B, 1, 2, 3}); // qualifiedSigner (a made-up name)
        out.sized(nonce);
        out.u64(123456789L).u32(7).u32(3).u8(1); // clockInfo
        out.u64(0x2019102300163636L); // firmwareVersion
        out.u32(banks.size());
        MessageDigest digest = newDigest(digestHash);
        for (Map.Entry<TcgAlgorithm, SortedMap<Integer, byte[]>> bank : banks.entrySet()) {
            byte[] bitmap = new byte[3];
            for (Map.Entry<Integer, byte[]> pcr : bank.getValue().entrySet()) {
                bitmap[pcr.getKey() / 8] |= (byte) (1 << (pcr.getKey() % 8));
                digest.update(pcr.getValue());
            }
            out.u16(bank.getKey().id()).u8(3).raw(bitmap);
        }
        out.sized(pcrDigestOverride != null ? pcrDigestOverride : digest.digest());
        return out.bytes();
    }

    private static MessageDigest newDigest(TcgAlgorithm hash) {
        try {
            return MessageDigest.getInstance(hash.jcaName());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
