package dev.arca.rvps.extractor.intoto;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.arca.model.json.Json;
import dev.arca.rvps.InvalidRequestException;
import dev.arca.rvps.extractor.intoto.InTotoFixtures.TestKey;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Fuzzes the in-toto extractor (docs/fuzzing.md): every payload is either verified into reference values or refused
 * with an {@link InvalidRequestException} (400); anything else that escapes is a finding.
 *
 * <p>{@link #payload} takes the message payload as received (metablock or DSSE wrappings, base64 or not), so it mostly
 * meets the signature checks. {@link #signedSupplyChain} gets past them: its input is the unsigned
 * {@code {"layout": <body>, "links": {<label>: <body>}, "artifacts": …}}, and this test signs the layout and every
 * link with a key it trusts, which inputs name as {@code "@key@"} (the key object) and {@code @keyid@} (its id).
 * Layout, step, link and artifact-rule parsing and matching then see arbitrary JSON.
 */
class InTotoFuzzTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final TestKey OWNER = InTotoFixtures.newEcdsa();
    private static final InTotoVerifier VERIFIER =
            new InTotoVerifier(List.of(InTotoKey.fromMetadata(null, OWNER.keyObject())), false, CLOCK);

    @FuzzTest
    void payload(byte[] payload) {
        try {
            VERIFIER.verify(InTotoPayload.parse(new String(payload, StandardCharsets.UTF_8)));
        } catch (InvalidRequestException refused) {
            // typed refusal
        }
    }

    @FuzzTest
    void signedSupplyChain(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8)
                .replace("\"@key@\"", Json.write(OWNER.keyObject()))
                .replace("@keyid@", OWNER.keyId());
        JsonNode unsigned;
        try {
            unsigned = StrictJson.read(text, "fuzz input");
        } catch (InvalidRequestException notJson) {
            return;
        }
        if (!unsigned.isObject() || !unsigned.path("layout").isObject() || !unsigned.path("links").isObject()) {
            return;
        }
        ObjectNode payload = Json.MAPPER.createObjectNode();
        try {
            payload.set("layout", InTotoFixtures.metablock(unsigned.get("layout"), OWNER));
            ObjectNode links = payload.putObject("links");
            for (Map.Entry<String, JsonNode> link : unsigned.get("links").properties()) {
                links.set(link.getKey(), InTotoFixtures.metablock(link.getValue(), OWNER));
            }
        } catch (InvalidRequestException notCanonicalJson) {
            return;
        }
        if (unsigned.has("artifacts")) {
            payload.set("artifacts", unsigned.get("artifacts"));
        }
        try {
            VERIFIER.verify(InTotoPayload.parse(Json.write(payload)));
        } catch (InvalidRequestException refused) {
            // typed refusal
        }
    }
}
