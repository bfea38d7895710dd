package dev.arca.agent.attester;

import dev.arca.model.tee.Tee;
import tools.jackson.databind.JsonNode;

/**
 * The {@code sample} primary attester (guest-components sample attester): no hardware, no security. It exists so that
 * the whole protocol can be exercised anywhere; the default KBS resource policy refuses to release secrets to it.
 */
public final class SampleAttester implements Attester {

    static final String SVN = "1";

    @Override
    public Tee tee() {
        return Tee.SAMPLE;
    }

    @Override
    public JsonNode evidence(byte[] reportData) {
        return SampleEvidence.of(SVN, reportData);
    }
}
