package dev.arca.rvps.extractor.corim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.upokecenter.cbor.CBORObject;
import dev.arca.model.json.Hex;
import dev.arca.model.json.Json;
import dev.arca.rvps.InvalidRequestException;
import dev.arca.rvps.extractor.Extraction;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** CoRIMs built here with the code points of draft-ietf-rats-corim, and the names upstream gives their values. */
class CorimExtractorTest {

    private static final UUID UUID_KEY = UUID.fromString("31fb5abf-023e-4992-aa4e-95f9c1503bfa");
    private static final String D1 = "a3a5e715f0cc574a73c3f9bebb6bc24f32ffd5b67b387244c2c909da779a1478";
    private static final String D2 = "ff".repeat(48);

    private final CorimExtractor extractor =
            new CorimExtractor(Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC));

    private static CBORObject map(Object... keysAndValues) {
        CBORObject map = CBORObject.NewMap();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.Add(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static CBORObject array(Object... items) {
        CBORObject array = CBORObject.NewArray();
        for (Object item : items) {
            array.Add(item);
        }
        return array;
    }

    private static CBORObject digest(int algorithm, String hex) {
        return array(algorithm, Hex.parse(hex));
    }

    private static CBORObject uuid(UUID uuid) {
        ByteBuffer bytes = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits());
        return CBORObject.FromObjectAndTag(bytes.array(), 37);
    }

    /** A CoMID: class ACME/RoadRunner with measurements keyed by UUID, uint, text, plus one without a key. */
    private static CBORObject comid() {
        CBORObject environment = map(0, map(1, "ACME", 2, "RoadRunner"));
        CBORObject measurements = array(
                map(0, uuid(UUID_KEY), 1, map(2, array(digest(1, D1)))),
                map(0, 3, 1, map(2, array(digest(1, D1), digest(7, D2)), 11, "firmware", 8, "SN-1")),
                map(0, "boot", 1, map(4, CBORObject.FromObjectAndTag(Hex.parse("cafe"), 560))),
                map(1, map(1, CBORObject.FromObjectAndTag(5, 552))));
        CBORObject triples = map(0, array(array(environment, measurements)));
        return map(1, map(0, "comid-1"), 4, triples);
    }

    private static CBORObject corimMap(CBORObject... tags) {
        return map(0, "corim-1", 1, array((Object[]) tags));
    }

    private static CBORObject taggedComid(CBORObject comid) {
        return CBORObject.FromObjectAndTag(comid.EncodeToBytes(), 506);
    }

    private static String b64(CBORObject cbor) {
        return Base64.getEncoder().encodeToString(cbor.EncodeToBytes());
    }

    private static Map<String, String> values(Extraction extraction) {
        Map<String, String> values = new LinkedHashMap<>();
        extraction.values().forEach(value -> values.put(value.name(), Json.write(value.value())));
        return values;
    }

    private static final Map<String, String> EXPECTED = expected();

    private static Map<String, String> expected() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("ACME/RoadRunner/31fb5abf-023e-4992-aa4e-95f9c1503bfa/digests", "[\"" + D1 + "\"]");
        expected.put("ACME/RoadRunner/claim3/firmware/SN-1/digests", "[\"" + D1 + "\",\"" + D2 + "\"]");
        expected.put("ACME/RoadRunner/boot/raw_bytes", "\"cafe\"");
        return expected;
    }

    @Test
    void referenceTriplesOfATaggedUnsignedCorimBecomeNamedValues() {
        Extraction extraction = extractor.extract(b64(CBORObject.FromObjectAndTag(
                corimMap(taggedComid(comid())), 501)));

        assertThat(values(extraction)).containsExactlyEntriesOf(EXPECTED);
        assertThat(extraction.signerKeyId()).isNull();
        assertThat(extraction.values().getFirst().expiration()).isEqualTo(Instant.parse("2027-11-26T12:00:00Z"));
    }

    @Test
    void outerCorimTagAndUntaggedMapAreAccepted() {
        CBORObject wrapped = CBORObject.FromObjectAndTag(CBORObject.FromObjectAndTag(
                corimMap(taggedComid(comid())), 501), 500);

        assertThat(values(extractor.extract(b64(wrapped)))).containsExactlyEntriesOf(EXPECTED);
        assertThat(values(extractor.extract(b64(corimMap(taggedComid(comid())))))).containsExactlyEntriesOf(EXPECTED);
    }

    @Test
    void signedCorimPayloadIsReadWithoutCheckingTheSignature() {
        byte[] payload = CBORObject.FromObjectAndTag(corimMap(taggedComid(comid())), 501).EncodeToBytes();
        CBORObject sign1 = array(map(1, -7).EncodeToBytes(), CBORObject.NewMap(), payload, new byte[64]);
        CBORObject signed = CBORObject.FromObjectAndTag(CBORObject.FromObjectAndTag(sign1, 18), 502);

        assertThat(values(extractor.extract(b64(signed)))).containsExactlyEntriesOf(EXPECTED);
    }

    @Test
    void comidsAsPlainByteStringsCountAndOtherTagsAreSkipped() {
        CBORObject coswid = CBORObject.FromObjectAndTag(map(0, "swid").EncodeToBytes(), 505);
        CBORObject corim = corimMap(coswid, CBORObject.FromObject(comid().EncodeToBytes()),
                CBORObject.FromObject(new byte[] {1, 2, 3}));

        assertThat(values(extractor.extract(b64(corim)))).containsExactlyEntriesOf(EXPECTED);
    }

    @Test
    void malformedDocumentsAreExplained() {
        assertRefused(Base64.getEncoder().encodeToString(new byte[] {(byte) 0xa1}), "not one well-formed CBOR item");
        assertRefused(b64(CBORObject.FromObjectAndTag(map(0, "x"), 999)), "tag 999");
        assertRefused(b64(map(0, "corim-without-tags")), "tags array");
        assertRefused(b64(corimMap(CBORObject.FromObjectAndTag("text", 506))), "must wrap a byte string");
        assertRefused(b64(corimMap(taggedComid(map(1, map(0, "no-triples"))))), "lacks its triples map");
        CBORObject noMval = map(4, map(0, array(array(map(0, map(1, "A")), array(map(0, "k"))))));
        assertRefused(b64(corimMap(taggedComid(noMval))), "measurement-values-map");
        assertRefused("AAA", "not standard base64");
    }

    private void assertRefused(String payload, String reason) {
        assertThatThrownBy(() -> extractor.extract(payload))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining(reason);
    }
}
