package dev.arca.attestation.verifier.sample;

import dev.arca.attestation.verifier.DeviceClaims;
import dev.arca.attestation.verifier.VerificationException;
import dev.arca.attestation.verifier.Verifier;
import dev.arca.model.json.Base64s;
import dev.arca.model.tee.Tee;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The sample CPU TEE (Trustee sample verifier), for tests and demos: it verifies no hardware, so its claims prove
 * nothing; the default resource policy of the KBS never releases secrets to it. It has no certificates or
 * collateral, so the verification time does not change its verdict.
 */
@Component
public class SampleVerifier implements Verifier {

    private static final Logger log = LoggerFactory.getLogger(SampleVerifier.class);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Fixed claims of the sample TEE (Trustee sample verifier). */
    static final String LAUNCH_DIGEST = "abcde";
    static final int PLATFORM_MAJOR = 1;
    static final int PLATFORM_MINOR = 4;

    @Override
    public Tee tee() {
        return Tee.SAMPLE;
    }

    @Override
    public List<DeviceClaims> verify(JsonNode evidence, Optional<byte[]> expectedReportData,
            Optional<byte[]> expectedInitDataDigest, Instant verificationTime) throws VerificationException {
        SampleEvidence sample = SampleEvidence.parse(evidence);
        sample.checkReportData(expectedReportData);
        if (expectedInitDataDigest.isPresent()) {
            // the sample TEE has no field binding init-data; the digest is only echoed as a claim.
            log.debug("sample TEE cannot bind init-data; echoing the digest unchecked");
        }
        ObjectNode claims = NODES.objectNode();
        claims.put("svn", sample.svn());
        claims.put("report_data", sample.reportData());
        claims.put("launch_digest", LAUNCH_DIGEST);
        ObjectNode platform = claims.putObject("platform_version");
        platform.put("major", PLATFORM_MAJOR);
        platform.put("minor", PLATFORM_MINOR);
        claims.put("debug", false);
        expectedInitDataDigest.ifPresent(digest -> claims.put("init_data", Base64s.std(digest)));
        return List.of(new DeviceClaims(claims, Tee.SAMPLE.deviceClass()));
    }
}
