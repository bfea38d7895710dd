package dev.arca.attestation.verifier.sampledevice;

import dev.arca.attestation.verifier.DeviceClaims;
import dev.arca.attestation.verifier.VerificationException;
import dev.arca.attestation.verifier.Verifier;
import dev.arca.attestation.verifier.sample.SampleEvidence;
import dev.arca.model.tee.Tee;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The sample attached device (Trustee sample device verifier): evidence like the sample TEE's, claims {@code svn} and
 * {@code report_data}, device class {@code gpu}. Init-data is not bound.
 */
@Component
public class SampleDeviceVerifier implements Verifier {

    @Override
    public Tee tee() {
        return Tee.SAMPLE_DEVICE;
    }

    @Override
    public List<DeviceClaims> verify(JsonNode evidence, Optional<byte[]> expectedReportData,
            Optional<byte[]> expectedInitDataDigest, Instant verificationTime) throws VerificationException {
        SampleEvidence sample = SampleEvidence.parse(evidence);
        sample.checkReportData(expectedReportData);
        ObjectNode claims = JsonNodeFactory.instance.objectNode();
        claims.put("svn", sample.svn());
        claims.put("report_data", sample.reportData());
        return List.of(new DeviceClaims(claims, Tee.SAMPLE_DEVICE.deviceClass()));
    }
}
