package dev.arca.nvidia.testpki;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Builds Hopper-shaped SPDM 1.1 GET_MEASUREMENTS request‖response reports (DSP0274 1.1 §10.11) signed with raw
 * ECDSA P-384 by a test leaf: the layouts the real H100 reports have, with values the tests choose.
 */
public final class SyntheticReport {

    public static final String DRIVER = "550.90.07";
    /** 96.00.9f.00.01 in NVIDIA's byte order. */
    public static final byte[] VBIOS = {0x00, (byte) 0x9f, 0x00, (byte) 0x96, 0x01, 0x00, 0x00, 0x00};

    private byte[] nonce = new byte[32];
    private final List<byte[]> blocks = new ArrayList<>();
    private final ByteArrayOutputStream opaque = new ByteArrayOutputStream();
    private int version = 0x11;
    private int signatureRequest = 0x01;

    /** A report with two measurements, driver and VBIOS versions and the PKI's FWID. */
    public static SyntheticReport typical(TestDevicePki pki, byte[] nonce) {
        SyntheticReport report = new SyntheticReport().nonce(nonce);
        report.measurement(1, filled(48, 0x11)).measurement(2, filled(48, 0x22));
        report.opaque(3, (DRIVER + "\0").getBytes(StandardCharsets.US_ASCII)).opaque(6, VBIOS);
        report.opaque(12, new byte[] {1, 0, 0, 0, 2, 0, 0, 0}).opaque(11, new byte[] {0x55});
        report.opaque(15, "882\0".getBytes(StandardCharsets.US_ASCII)).opaque(20, pki.fwid());
        return report;
    }

    public static byte[] filled(int size, int value) {
        byte[] bytes = new byte[size];
        java.util.Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    public SyntheticReport nonce(byte[] value) {
        this.nonce = value.clone();
        return this;
    }

    public SyntheticReport version(int value) {
        this.version = value;
        return this;
    }

    public SyntheticReport unsignedRequest() {
        this.signatureRequest = 0;
        return this;
    }

    /** A DMTF measurement block (type 0x01: immutable ROM is as good as any for parsing). */
    public SyntheticReport measurement(int index, byte[] value) {
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        block.write(index);
        block.write(0x01);
        le16(block, value.length + 3);
        block.write(0x01);
        le16(block, value.length);
        block.writeBytes(value);
        blocks.add(block.toByteArray());
        return this;
    }

    public SyntheticReport opaque(int type, byte[] data) {
        le16(opaque, type);
        le16(opaque, data.length);
        opaque.writeBytes(data);
        return this;
    }

    /** request‖response without the signature. */
    public byte[] unsigned() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(version);
        out.write(0xE0);
        out.write(signatureRequest);
        out.write(0xFF);
        out.writeBytes(nonce);
        out.write(0);
        out.write(version);
        out.write(0x60);
        out.write(0);
        out.write(0);
        out.write(blocks.size());
        int recordLength = blocks.stream().mapToInt(b -> b.length).sum();
        out.write(recordLength & 0xFF);
        out.write(recordLength >>> 8 & 0xFF);
        out.write(recordLength >>> 16 & 0xFF);
        blocks.forEach(out::writeBytes);
        out.writeBytes(filled(32, 0x5a));
        le16(out, opaque.size());
        out.writeBytes(opaque.toByteArray());
        return out.toByteArray();
    }

    /** The report signed by {@code key}. */
    public byte[] signedBy(PrivateKey key) {
        byte[] unsigned = unsigned();
        try {
            Signature signer = Signature.getInstance("SHA384withPLAIN-ECDSA", new BouncyCastleProvider());
            signer.initSign(key);
            signer.update(unsigned);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(unsigned);
            out.writeBytes(signer.sign());
            return out.toByteArray();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void le16(ByteArrayOutputStream out, int value) {
        out.write(value & 0xFF);
        out.write(value >>> 8 & 0xFF);
    }
}
