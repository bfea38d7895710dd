package dev.arca.dcap.testpki;

import dev.arca.dcap.trust.EcdsaP256;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A CC event log in the TCG crypto-agile format (TCG PC Client Platform Firmware Profile): the legacy Spec ID
 * event listing SHA-384, then TCG_PCR_EVENT2 events with a SHA-384 digest of their data, then 0xFF padding.
 * {@link #rtmrs()} gives the RTMR values the log replays to, for the quote's body.
 */
public final class CcelBuilder {

    private static final int EV_NO_ACTION = 0x3;
    /** EV_IPL: a string naming what the boot loader measured. */
    public static final int EV_IPL = 0xD;
    private static final int SHA384 = 0xC;

    private record Event(int mrIndex, int type, byte[] data, byte[] digest) {
    }

    private final List<Event> events = new ArrayList<>();

    /** An event extending {@code mrIndex} (1 = RTMR0 … 4 = RTMR3) with SHA-384 of its data. */
    public CcelBuilder event(int mrIndex, String text) {
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        events.add(new Event(mrIndex, EV_IPL, data, EcdsaP256.sha384(data)));
        return this;
    }

    /** An event whose recorded digest is not the digest of its data. */
    public CcelBuilder eventWithDigest(int mrIndex, String text, byte[] digest) {
        events.add(new Event(mrIndex, EV_IPL, text.getBytes(StandardCharsets.UTF_8), digest.clone()));
        return this;
    }

    /** RTMR0–3 as replay computes them: from zero, RTMR = SHA-384(RTMR ‖ digest). */
    public byte[][] rtmrs() {
        byte[][] rtmrs = new byte[4][48];
        for (Event event : events) {
            int register = event.mrIndex() - 1;
            byte[] input = Arrays.copyOf(rtmrs[register], 96);
            System.arraycopy(event.digest(), 0, input, 48, 48);
            rtmrs[register] = EcdsaP256.sha384(input);
        }
        return rtmrs;
    }

    /** Sets the quote's RTMRs to what this log replays to. */
    public QuoteBuilder applyTo(QuoteBuilder quote) {
        byte[][] rtmrs = rtmrs();
        for (int i = 0; i < 4; i++) {
            quote.rtmr(i, rtmrs[i]);
        }
        return quote;
    }

    public byte[] build() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream specId = new ByteArrayOutputStream();
        specId.writeBytes("Spec ID Event03\0".getBytes(StandardCharsets.US_ASCII));
        specId.writeBytes(le32(0)); // platform class
        specId.writeBytes(new byte[] {0, 2, 0, 2}); // version 2.0, errata 0, uintn size 2 (64-bit)
        specId.writeBytes(le32(1));
        specId.writeBytes(le16(SHA384));
        specId.writeBytes(le16(48));
        specId.write(0); // no vendor info
        out.writeBytes(le32(0));
        out.writeBytes(le32(EV_NO_ACTION));
        out.writeBytes(new byte[20]);
        out.writeBytes(le32(specId.size()));
        out.writeBytes(specId.toByteArray());
        for (Event event : events) {
            out.writeBytes(le32(event.mrIndex()));
            out.writeBytes(le32(event.type()));
            out.writeBytes(le32(1));
            out.writeBytes(le16(SHA384));
            out.writeBytes(event.digest());
            out.writeBytes(le32(event.data().length));
            out.writeBytes(event.data());
        }
        byte[] padding = new byte[64];
        Arrays.fill(padding, (byte) 0xFF);
        out.writeBytes(padding);
        return out.toByteArray();
    }

    private static byte[] le16(int value) {
        return new byte[] {(byte) value, (byte) (value >>> 8)};
    }

    private static byte[] le32(int value) {
        return new byte[] {(byte) value, (byte) (value >>> 8), (byte) (value >>> 16), (byte) (value >>> 24)};
    }
}
