package dev.arca.agent.attester;

import dev.arca.model.tee.Tee;
import tools.jackson.databind.JsonNode;

/**
 * The {@code sampledevice} additional-device attester (guest-components sample device attester): the test stand-in for
 * a GPU. In the KBS flow it receives the device report data, H(JCS({nonce, tee-pubkey})), and its evidence travels
 * inside {@code additional_evidence}.
 */
public final class SampleDeviceAttester implements Attester {

    static final String SVN = "2";

    @Override
    public Tee tee() {
        return Tee.SAMPLE_DEVICE;
    }

    @Override
    public JsonNode evidence(byte[] reportData) {
        return SampleEvidence.of(SVN, reportData);
    }
}
