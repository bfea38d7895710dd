package dev.arca.agent.attester;

import dev.arca.model.json.Base64s;
import dev.arca.model.json.Json;
import tools.jackson.databind.node.ObjectNode;

/**
 * The evidence shape shared by the two sample attesters (guest-components sample attester; guest-components sample
 * device attester): two strings, {@code svn} and the standard base64 of the report data exactly as given — no padding,
 * truncation or length limit, because the sample verifier compares the decoded bytes with the expected digest byte for
 * byte.
 */
final class SampleEvidence {

    private SampleEvidence() {
    }

    static ObjectNode of(String svn, byte[] reportData) {
        ObjectNode evidence = Json.MAPPER.createObjectNode();
        evidence.put("svn", svn);
        evidence.put("report_data", Base64s.std(reportData));
        return evidence;
    }
}
