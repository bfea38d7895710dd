package dev.arca.csv.testpki;

import dev.arca.csv.cert.LittleEndian;
import dev.arca.csv.cert.Sm2Signature;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A CSV attestation report page built and signed by a {@link TestHygonPki}'s PEK: version 1 (legacy: fields masked
 * with anonce, bytes 0–179 signed) or version 2 (extended: RTMRs, bytes 0–1023 signed), in the layout of csv-rs
 * {@code AttestationReportV1/V2}, with the PEK and serial number in the signer block as the guest driver leaves them.
 */
public final class SyntheticCsvReport {

    public static final byte[] EXT_MAGIC = "ATTESTATION_EXT\0".getBytes(StandardCharsets.US_ASCII);

    private final int version;
    private byte[] reportData = new byte[64];
    private byte[] measure = TestHygonPki.random(32);
    private byte[] mnonce = TestHygonPki.random(16);
    private byte[] vmId = TestHygonPki.random(16);
    private byte[] vmVersion = new byte[16];
    private byte[] userPubkeyDigest = TestHygonPki.random(32);
    private long policy = 0x45;
    private long anonce = 0x5DC7D726L;
    private long build = 2337;
    private final byte[][] rtmrs = new byte[5][32];

    private SyntheticCsvReport(int version) {
        this.version = version;
        this.rtmrs[0] = measure.clone();
    }

    public static SyntheticCsvReport v1() {
        return new SyntheticCsvReport(1);
    }

    public static SyntheticCsvReport v2() {
        return new SyntheticCsvReport(2);
    }

    /** Report data, zero-padded (or truncated) to 64 bytes. */
    public SyntheticCsvReport reportData(byte[] data) {
        this.reportData = Arrays.copyOf(data, 64);
        return this;
    }

    public SyntheticCsvReport policy(long policy) {
        this.policy = policy;
        return this;
    }

    public SyntheticCsvReport anonce(long anonce) {
        this.anonce = anonce;
        return this;
    }

    public SyntheticCsvReport measure(byte[] measure) {
        this.measure = measure.clone();
        this.rtmrs[0] = measure.clone();
        return this;
    }

    /** Sets rtmr1–4 to what {@code log} replays to. */
    public SyntheticCsvReport rtmrsOf(SyntheticCcEventLog log) {
        for (int i = 1; i <= 4; i++) {
            rtmrs[i] = log.rtmr(i);
        }
        return this;
    }

    public SyntheticCsvReport rtmr(int index, byte[] value) {
        rtmrs[index] = value.clone();
        return this;
    }

    public int version() {
        return version;
    }

    public byte[] measure() {
        return measure.clone();
    }

    public byte[] mnonce() {
        return mnonce.clone();
    }

    public byte[] vmId() {
        return vmId.clone();
    }

    public long anonce() {
        return version == 1 ? anonce : 0;
    }

    public long build() {
        return build;
    }

    public byte[] magic() {
        return version == 1 ? new byte[16] : EXT_MAGIC.clone();
    }

    public long flags() {
        return version == 1 ? 0 : 1;
    }

    /** The 4096-byte page, signed by the PKI's PEK. */
    public byte[] page(TestHygonPki pki) {
        byte[] page = new byte[4096];
        System.arraycopy(userPubkeyDigest, 0, page, 0, 32);
        System.arraycopy(vmId, 0, page, 32, 16);
        System.arraycopy(vmVersion, 0, page, 48, 16);
        System.arraycopy(reportData, 0, page, 64, 64);
        System.arraycopy(mnonce, 0, page, 128, 16);
        System.arraycopy(measure, 0, page, 144, 32);
        LittleEndian.putU32(page, 176, policy);
        LittleEndian.putU32(page, 180, 0x1002); // signed by the PEK
        LittleEndian.putU32(page, 184, 0x0004); // SM2
        int signerBlock;
        if (version == 1) {
            // the PSP masks every field before anonce, then signs user_pubkey_digest … policy
            for (int i = 0; i < 188; i++) {
                page[i] ^= (byte) (anonce >>> (8 * (i % 4)));
            }
            LittleEndian.putU32(page, 188, anonce);
            System.arraycopy(pki.signReport(Arrays.copyOf(page, 180)), 0, page, 192, Sm2Signature.SIZE);
            signerBlock = 0x150;
        } else {
            LittleEndian.putU32(page, 188, build);
            LittleEndian.putU16(page, 192, 1);
            for (int i = 0; i < 5; i++) {
                System.arraycopy(rtmrs[i], 0, page, 208 + 32 * i, 32);
            }
            System.arraycopy(pki.signReport(Arrays.copyOf(page, 1024)), 0, page, 1024, Sm2Signature.SIZE);
            signerBlock = 0x490;
        }
        System.arraycopy(pki.pek(), 0, page, signerBlock, 2084);
        byte[] serial = TestHygonPki.CHIP_ID.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(serial, 0, page, signerBlock + 2084, serial.length);
        return page;
    }
}
