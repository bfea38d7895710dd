package dev.arca.kbs.admin;

import dev.arca.service.security.ServiceSecurity;
import dev.arca.kbs.config.KbsProperties;
import dev.arca.kbs.error.KbsException;
import dev.arca.kbs.policy.PolicyText;
import dev.arca.kbs.upstream.AttestationServiceClient;
import dev.arca.kbs.upstream.RvpsClient;
import dev.arca.kbs.web.RequestBodies;
import dev.arca.model.as.SetPolicyRequest;
import dev.arca.model.error.KbsErrorType;
import dev.arca.model.rvps.RvpsMessage;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Admin calls the KBS passes on (docs/architecture.md "kbs-service"): attestation policies to the AS, reference
 * values to the RVPS (registration and upstream kbs-client's read of one value), each body checked for its required members and then passed on as received. The KBS authorises
 * the caller itself and forwards the caller's own bearer token, so the AS and RVPS authorise the same admin
 * identity.
 */
@RestController
@Tag(name = "admin: attestation service and RVPS")
public class AdminForwardController {

    private static final Logger log = LoggerFactory.getLogger(AdminForwardController.class);

    /** Longest reference value name the KBS passes on (the RVPS has its own limit). */
    private static final int MAX_NAME = 1024;
    private static final Set<String> DOT_SEGMENTS = Set.of("", ".", "..");

    private final ServiceSecurity security;
    private final AttestationServiceClient attestationService;
    private final RvpsClient rvps;
    private final long maxBody;

    public AdminForwardController(AttestationServiceClient attestationService, RvpsClient rvps,
            KbsProperties properties, ServiceSecurity security) {
        this.security = security;
        this.attestationService = attestationService;
        this.rvps = rvps;
        this.maxBody = properties.maxRequestBody().toBytes();
    }

    @PostMapping("/kbs/v0/attestation-policy")
    @Operation(summary = "Set an attestation policy (forwarded to the AS)", description = "Body {policy_id, policy: "
            + "base64url(Rego or CEL), type?: rego|cel}. The AS's answer is relayed, including its compile errors.")
    public ResponseEntity<byte[]> setAttestationPolicy(HttpServletRequest request) {
        var identity = security.adminCaller();
        byte[] body = RequestBodies.read(request, maxBody);
        SetPolicyRequest policy = RequestBodies.json(body, SetPolicyRequest.class, "SetPolicyRequest");
        requireText(policy.policyId(), "policy_id");
        requireText(policy.policy(), "policy");
        // upstream's KBS ignores type; Arca refuses an unknown one here rather than forward it
        PolicyText.declaredType(policy.type());
        log.info("admin {} sets attestation policy {}", identity.subject(), policy.policyId());
        return UpstreamRelay.relay(
                attestationService.setPolicy(body, request.getHeader(HttpHeaders.AUTHORIZATION)),
                KbsErrorType.AttestationError, "attestation service");
    }

    @PostMapping("/kbs/v0/reference-value")
    @Operation(summary = "Register reference values (forwarded to the RVPS)", description = "Body: an RVPS message "
            + "{version?, type, payload}. The RVPS's answer is relayed.")
    public ResponseEntity<byte[]> registerReferenceValue(HttpServletRequest request) {
        var identity = security.adminCaller();
        byte[] body = RequestBodies.read(request, maxBody);
        RvpsMessage message = RequestBodies.json(body, RvpsMessage.class, "RvpsMessage");
        requireText(message.type(), "type");
        requireText(message.payload(), "payload");
        log.info("admin {} registers reference values of type {}", identity.subject(), message.type());
        return UpstreamRelay.relay(
                rvps.register(body, request.getHeader(HttpHeaders.AUTHORIZATION)),
                KbsErrorType.RvpsError, "reference value provider service");
    }

    @GetMapping("/kbs/v0/reference-value")
    @Operation(summary = "List the reference values (forwarded to the RVPS)", description = "Older upstream "
            + "kbs-client's read of every value. The RVPS's answer is relayed: 200 with the values by name.")
    public ResponseEntity<byte[]> listReferenceValues(HttpServletRequest request) {
        var identity = security.adminCaller();
        log.debug("admin {} lists reference values", identity.subject());
        return UpstreamRelay.relay(rvps.list(request.getHeader(HttpHeaders.AUTHORIZATION)),
                KbsErrorType.RvpsError, "reference value provider service");
    }

    @GetMapping("/kbs/v0/reference-value/{*name}")
    @Operation(summary = "Read one reference value (forwarded to the RVPS)", description = "The name may contain "
            + "/. The RVPS's answer is relayed: 200 with the stored value, 404 when absent or expired.",
            parameters = @Parameter(name = "name", in = ParameterIn.PATH, required = true,
                    description = "the reference value's name; may contain /", schema = @Schema(type = "string")))
    public ResponseEntity<byte[]> readReferenceValue(@PathVariable @Parameter(hidden = true) String name,
            HttpServletRequest request) {
        var identity = security.adminCaller();
        String referenceValue = name.startsWith("/") ? name.substring(1) : name;
        if (referenceValue.isEmpty() || referenceValue.length() > MAX_NAME
                || referenceValue.chars().anyMatch(Character::isISOControl)) {
            throw new KbsException(KbsErrorType.InvalidRequest, "a reference value name is 1 to " + MAX_NAME
                    + " characters, without control characters");
        }
        for (String segment : referenceValue.split("/", -1)) {
            if (DOT_SEGMENTS.contains(segment)) {
                throw new KbsException(KbsErrorType.InvalidRequest,
                        "a reference value name has no empty, '.' or '..' segment");
            }
        }
        log.debug("admin {} reads reference value {}", identity.subject(), referenceValue);
        return UpstreamRelay.relay(rvps.get(referenceValue, request.getHeader(HttpHeaders.AUTHORIZATION)),
                KbsErrorType.RvpsError, "reference value provider service");
    }

    private static void requireText(String value, String member) {
        if (value == null || value.isBlank()) {
            throw new KbsException(KbsErrorType.SerdeError, "member '" + member + "' is required");
        }
    }
}
