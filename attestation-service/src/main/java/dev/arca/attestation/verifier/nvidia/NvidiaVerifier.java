package dev.arca.attestation.verifier.nvidia;

import dev.arca.attestation.verifier.Binding;
import dev.arca.attestation.verifier.DeviceClaims;
import dev.arca.attestation.verifier.VerificationException;
import dev.arca.attestation.verifier.VerificationException.Failure;
import dev.arca.attestation.verifier.Verifier;
import dev.arca.model.json.Hex;
import dev.arca.model.tee.Tee;
import dev.arca.nvidia.GpuReportVerifier;
import dev.arca.nvidia.NvidiaVerificationException;
import dev.arca.nvidia.VerifiedGpuReport;
import dev.arca.nvidia.chain.DeviceCertificateChain;
import dev.arca.nvidia.ocsp.DeviceChainOcsp;
import dev.arca.nvidia.spdm.OpaqueField;
import dev.arca.nvidia.spdm.SpdmReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * NVIDIA Hopper GPUs (Trustee nvidia verifier, local mode), verified in pure Java by the nvidia-gpu module: the device
 * chain to the pinned NVIDIA Device Identity CA, the leaf FWID against the report's, the leaf's ECDSA P-384 signature
 * over the SPDM request‖response, and the request nonce against the expected report data regularised to 32 bytes.
 * One claims set per device, device class {@code gpu}: upstream's {@code arch}, {@code uuid}, {@code measurements}
 * and {@code config}, plus {@code report_data}. In remote mode ({@code arca.as.nvidia.mode=remote}) NVIDIA's NRAS
 * verifies each device instead and its signed claims are returned ({@link NrasAppraisal}).
 */
public class NvidiaVerifier implements Verifier {

    /** The SPDM nonce's width, to which the expected report data is regularised (Binding). */
    private static final int NONCE_SIZE = SpdmReport.NONCE_SIZE;

    private final GpuReportVerifier verifier;
    private final Optional<NrasAppraisal> nras;
    private final Optional<DeviceChainOcsp> ocsp;

    /** Local mode. */
    public NvidiaVerifier(GpuReportVerifier verifier) {
        this(verifier, Optional.empty(), Optional.empty());
    }

    /**
     * @param nras remote mode: every device goes to NRAS instead of the local checks
     * @param ocsp local mode: the device chain's OCSP status is checked after the report verified
     */
    NvidiaVerifier(GpuReportVerifier verifier, Optional<NrasAppraisal> nras, Optional<DeviceChainOcsp> ocsp) {
        this.verifier = verifier;
        this.nras = nras;
        this.ocsp = ocsp;
    }

    @Override
    public Tee tee() {
        return Tee.NVIDIA;
    }

    @Override
    public List<DeviceClaims> verify(JsonNode evidence, Optional<byte[]> expectedReportData,
            Optional<byte[]> expectedInitDataDigest, Instant verificationTime) throws VerificationException {
        NvidiaEvidenceJson parsed = NvidiaEvidenceJson.parse(evidence);
        // the nonce is the only freshness a GPU report has: without expected report data there is nothing to bind
        byte[] nonce = Binding.regularize(expectedReportData.orElseThrow(() -> new VerificationException(
                Failure.REPORT_DATA_MISMATCH, "NVIDIA evidence needs runtime data to bind its nonce to")), NONCE_SIZE);
        if (nras.isPresent()) {
            return nras.get().appraise(parsed, nonce);
        }
        List<DeviceClaims> devices = new ArrayList<>();
        for (NvidiaEvidenceJson.Device device : parsed.devices()) {
            if (!"hopper".equalsIgnoreCase(device.arch())) {
                throw VerificationException.malformed("only Hopper GPUs are verified locally, not " + device.arch());
            }
            try {
                VerifiedGpuReport report = verifier.verify(device.report(), device.chainPem(), nonce,
                        verificationTime);
                if (ocsp.isPresent()) {
                    ocsp.get().check(DeviceCertificateChain.parse(device.chainPem()).certificates(),
                            verificationTime);
                }
                devices.add(new DeviceClaims(claims(device, report), Tee.NVIDIA.deviceClass()));
            } catch (NvidiaVerificationException e) {
                throw refusal(e, device.uuid());
            }
        }
        return devices;
    }

    private static ObjectNode claims(NvidiaEvidenceJson.Device device, VerifiedGpuReport verified) {
        ObjectNode claims = JsonNodeFactory.instance.objectNode();
        claims.put("arch", "Hopper");
        claims.put("uuid", device.uuid());
        ObjectNode measurements = claims.putObject("measurements");
        verified.report().measurements().forEach((index, value) -> measurements.put(index.toString(), value));
        ObjectNode config = claims.putObject("config");
        verified.report().response().opaqueData().fields().forEach((field, value) -> put(config, field, value));
        claims.put("report_data", Hex.of(verified.report().request().nonce()));
        return claims;
    }

    private static void put(ObjectNode config, OpaqueField field, Object value) {
        switch (value) {
            case String text -> config.put(field.claimName(), text);
            case Long number -> config.put(field.claimName(), number);
            case Map<?, ?> counts -> {
                ObjectNode node = config.putObject(field.claimName());
                counts.forEach((index, count) -> node.put(index.toString(), (Long) count));
            }
            case List<?> values -> {
                var array = config.putArray(field.claimName());
                values.forEach(v -> array.add(v.toString()));
            }
            default -> throw new IllegalStateException("unexpected opaque value for " + field.claimName());
        }
    }

    /** Malformed reports are the caller's error (400); every region that does not verify is refused (403). */
    private static VerificationException refusal(NvidiaVerificationException e, String uuid) {
        String message = "GPU " + uuid + ": " + e.getMessage();
        return switch (e.reason()) {
            case FORMAT -> new VerificationException(Failure.MALFORMED_EVIDENCE, "malformed NVIDIA evidence: "
                    + message, e);
            case CHAIN -> new VerificationException(Failure.UNTRUSTED_CHAIN, message, e);
            case FWID_MISMATCH, SIGNATURE -> new VerificationException(Failure.SIGNATURE_INVALID, message, e);
            case NONCE_MISMATCH -> new VerificationException(Failure.REPORT_DATA_MISMATCH, "report data mismatch: "
                    + message, e);
            case REVOKED -> new VerificationException(Failure.REVOKED, message, e);
            case REVOCATION_UNAVAILABLE -> new VerificationException(Failure.COLLATERAL_UNAVAILABLE, message, e);
            case UNEXPECTED -> throw new IllegalStateException("NVIDIA verification failed unexpectedly", e);
        };
    }
}
