package dev.arca.kbs.admin;

import dev.arca.service.security.ServiceSecurity;
import dev.arca.kbs.config.KbsProperties;
import dev.arca.kbs.error.KbsException;
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
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Admin calls the KBS passes on (docs/architecture.md "kbs-service"): attestation policies to the AS, reference
 * values to the RVPS, each body checked for its required members and then passed on as received. The KBS authorises
 * the caller itself and forwards the caller's own bearer token, so the AS and RVPS authorise the same admin
 * identity.
 */
@RestController
@Tag(name = "admin: attestation service and RVPS")
public class AdminForwardController {

    private static final Logger log = LoggerFactory.getLogger(AdminForwardController.class);

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
            + "base64url(CEL), type?}. The AS's answer is relayed, including its compile errors.")
    public ResponseEntity<byte[]> setAttestationPolicy(HttpServletRequest request) {
        var identity = security.adminCaller();
        byte[] body = RequestBodies.read(request, maxBody);
        SetPolicyRequest policy = RequestBodies.json(body, SetPolicyRequest.class, "SetPolicyRequest");
        requireText(policy.policyId(), "policy_id");
        requireText(policy.policy(), "policy");
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

    private static void requireText(String value, String member) {
        if (value == null || value.isBlank()) {
            throw new KbsException(KbsErrorType.SerdeError, "member '" + member + "' is required");
        }
    }
}
