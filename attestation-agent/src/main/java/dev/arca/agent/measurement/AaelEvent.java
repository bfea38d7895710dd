package dev.arca.agent.measurement;

import dev.arca.model.json.HashAlgorithm;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * One AA event-log record (Trustee confidential-containers-eventlog.md): the text {@code "<domain> <operation>
 * <content>"} wrapped as a TCG tagged event ({@code u32 0x4141454C "AAEL" | u32 length | text}), digested whole, and
 * appended as a crypto-agile TCG_PCR_EVENT2 of type EV_EVENT_TAG (6) with one digest. All integers little-endian, as in
 * the TCG log.
 */
public record AaelEvent(String domain, String operation, String content) {

    static final int TAGGED_EVENT_ID = 0x4141_454C;
    static final int EV_EVENT_TAG = 6;

    public AaelEvent {
        requireToken("domain", domain);
        requireToken("operation", operation);
        if (content == null) {
            throw new IllegalArgumentException("content is required");
        }
        if (content.indexOf('\n') >= 0 || content.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("content must not contain a line break");
        }
    }

    /** Domain and operation: non-empty printable text without whitespace (the AAEL spec). */
    private static void requireToken(String name, String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(name + " is required");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                throw new IllegalArgumentException(name + " must be printable text without whitespace");
            }
        }
    }

    public String text() {
        return domain + " " + operation + " " + content;
    }

    /** The tagged event: id, text length, text. */
    public byte[] taggedEvent() {
        byte[] text = text().getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + text.length).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(TAGGED_EVENT_ID).putInt(text.length).put(text).array();
    }

    /** H(tagged event): what the register is extended with. */
    public byte[] digest(HashAlgorithm algorithm) {
        return algorithm.digest(taggedEvent());
    }

    /** The TCG_PCR_EVENT2 bytes appended to the log. */
    public byte[] logEntry(int mrIndex, HashAlgorithm algorithm) {
        byte[] event = taggedEvent();
        byte[] digest = algorithm.digest(event);
        return ByteBuffer.allocate(4 + 4 + 4 + 2 + digest.length + 4 + event.length).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(mrIndex).putInt(EV_EVENT_TAG).putInt(1).putShort(tcgAlgorithmId(algorithm)).put(digest)
                .putInt(event.length).put(event).array();
    }

    /** TCG algorithm identifiers (TCG Algorithm Registry). */
    static short tcgAlgorithmId(HashAlgorithm algorithm) {
        return switch (algorithm) {
            case SHA256 -> 0x000B;
            case SHA384 -> 0x000C;
            case SHA512 -> 0x000D;
            case SM3 -> 0x0012;
        };
    }
}
