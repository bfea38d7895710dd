package dev.arca.agent.attester.snp;

import dev.arca.model.json.Json;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The certificate table the host attaches to an extended SNP report (the configfs-tsm {@code auxblob}; GHCB spec
 * "certificate table"): entries of {GUID[16], offset u32, length u32}, ended by an all-zero entry, offsets counted
 * from the start of the table. Mapped to the sev crate's {@code cert_chain} JSON (guest-components SNP attester):
 * {@code [{"cert_type": "VCEK", "data": [bytes]}, ...]}.
 */
public final class SnpCertTable {

    /** GUIDs in RFC 4122 string form; the table stores them in that byte order (as AMD's sev-guest tools write). */
    static final Map<UUID, String> TYPES = Map.of(
            UUID.fromString("c0b406a4-a803-4952-9743-3fb6014cd0ae"), "ARK",
            UUID.fromString("4ab7b379-bbac-4fe4-a02f-05aef327c782"), "ASK",
            UUID.fromString("63da758d-e664-4564-adc5-f4b93be8accd"), "VCEK",
            UUID.fromString("a8074bc2-a25a-483e-aae6-39c045a0b8a1"), "VLEK",
            UUID.fromString("92f81bc3-5811-4d3d-97ff-d19f88dc67ea"), "CRL");

    private static final int ENTRY = 24;

    private SnpCertTable() {
    }

    /** The cert_chain JSON, or JSON null when the table is absent or empty. */
    public static JsonNode toJson(byte[] table) {
        if (table == null || table.length == 0) {
            return Json.MAPPER.nullNode();
        }
        ByteBuffer in = ByteBuffer.wrap(table).order(ByteOrder.LITTLE_ENDIAN);
        ArrayNode chain = Json.MAPPER.createArrayNode();
        for (int at = 0; at + ENTRY <= table.length; at += ENTRY) {
            byte[] guid = Arrays.copyOfRange(table, at, at + 16);
            long offset = Integer.toUnsignedLong(in.getInt(at + 16));
            long length = Integer.toUnsignedLong(in.getInt(at + 20));
            if (Arrays.equals(guid, new byte[16]) && offset == 0 && length == 0) {
                return chain.isEmpty() ? Json.MAPPER.nullNode() : chain;
            }
            if (offset + length > table.length) {
                throw new IllegalArgumentException("certificate table entry " + (at / ENTRY) + " points past the"
                        + " table (" + offset + "+" + length + " > " + table.length + ")");
            }
            ObjectNode entry = chain.addObject();
            UUID uuid = uuid(guid);
            String type = TYPES.get(uuid);
            if (type != null) {
                entry.put("cert_type", type);
            } else {
                entry.putObject("cert_type").put("OTHER", uuid.toString());
            }
            ArrayNode data = entry.putArray("data");
            for (long i = offset; i < offset + length; i++) {
                data.add(Byte.toUnsignedInt(table[(int) i]));
            }
        }
        throw new IllegalArgumentException("certificate table has no terminating all-zero entry");
    }

    static UUID uuid(byte[] guid) {
        ByteBuffer big = ByteBuffer.wrap(guid);
        return new UUID(big.getLong(), big.getLong());
    }
}
