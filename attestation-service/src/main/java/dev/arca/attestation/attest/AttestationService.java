package dev.arca.attestation.attest;

import dev.arca.attestation.policy.NamedPolicy;
import dev.arca.attestation.policy.PolicyCatalog;
import dev.arca.attestation.policy.PolicyEngine;
import dev.arca.attestation.policy.PolicyIds;
import dev.arca.attestation.policy.TrustVector;
import dev.arca.attestation.token.AnnotatedEvidence;
import dev.arca.attestation.token.Appraisal;
import dev.arca.attestation.token.EarTokenBroker;
import dev.arca.attestation.verifier.DeviceClaims;
import dev.arca.attestation.verifier.VerificationException;
import dev.arca.attestation.web.ApiException;
import dev.arca.attestation.web.Problem;
import dev.arca.model.as.AttestationRequest;
import dev.arca.model.as.VerificationRequest;
import dev.arca.model.tee.Tee;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.databind.node.ObjectNode;

/**
 * The AS's processing model (specs/as-rvps.md §1): verify every request's evidence, appraise every resulting
 * device with its policy, sign one EAR token. Any failure aborts the whole request; no token is signed for evidence
 * that did not verify. A policy that merely scores badly still yields a token, whose status says so.
 */
@Service
public class AttestationService {

    private static final Logger log = LoggerFactory.getLogger(AttestationService.class);

    private final VerificationInputDecoder decoder;
    private final PolicyCatalog policies;
    private final PolicyEngine engine;
    private final EarTokenBroker broker;
    private final AttestationMetrics metrics;

    AttestationService(VerificationInputDecoder decoder, PolicyCatalog policies, PolicyEngine engine,
            EarTokenBroker broker, AttestationMetrics metrics) {
        this.decoder = decoder;
        this.policies = policies;
        this.engine = engine;
        this.broker = broker;
        this.metrics = metrics;
    }

    public String attest(AttestationRequest request) {
        if (request == null || request.verificationRequests() == null
                || request.verificationRequests().isEmpty()) {
            metrics.count(null, "invalid");
            throw ApiException.badRequest("No verification requests provided.");
        }
        String policyId = policyId(request.policyIds());
        List<Appraisal> appraisals = new ArrayList<>();
        List<VerificationRequest> requests = request.verificationRequests();
        for (int i = 0; i < requests.size(); i++) {
            String tee = metricTee(requests.get(i));
            try {
                appraisals.addAll(appraise(decoder.decode(requests.get(i), i), i, policyId));
            } catch (ApiException e) {
                metrics.count(tee, e.problem() == Problem.EVIDENCE_REJECTED ? "rejected" : "invalid");
                throw e;
            }
        }
        String token = broker.issue(appraisals);
        for (Appraisal appraisal : appraisals) {
            metrics.count(appraisal.tee().wireName(), appraisal.trustVector().status().wireName());
        }
        return token;
    }

    private List<Appraisal> appraise(VerificationInput input, int index, String policyId) {
        Tee tee = input.verifier().tee();
        List<DeviceClaims> devices = verify(input, index);
        List<Appraisal> out = new ArrayList<>(devices.size());
        for (DeviceClaims device : devices) {
            ObjectNode annotated = AnnotatedEvidence.of(tee, device.claims(), input.runtimeDataClaims(),
                    input.initDataClaims());
            NamedPolicy policy = policies.forDevice(policyId, device.deviceClass());
            TrustVector vector = engine.appraise(policy, annotated);
            log.info("{} {} device appraised with policy '{}': {} {}", tee, device.deviceClass(), policy.id(),
                    vector.status().wireName(), vector.nonZero());
            out.add(new Appraisal(tee, device.deviceClass(), policyId, vector, annotated));
        }
        return out;
    }

    private static List<DeviceClaims> verify(VerificationInput input, int index) {
        Tee tee = input.verifier().tee();
        String at = "verification_requests[" + index + "] (" + tee.wireName() + "): ";
        List<DeviceClaims> devices;
        try {
            devices = input.verifier().verify(input.evidence(), input.reportData(), input.initData());
        } catch (VerificationException e) {
            log.info("{} evidence refused: {} {}", tee, e.failure(), e.getMessage());
            throw new ApiException(problem(e.failure()), at + e.getMessage(), e);
        }
        if (devices == null || devices.isEmpty()) {
            throw new ApiException(Problem.EVIDENCE_REJECTED, at + "the evidence describes no device");
        }
        return devices;
    }

    private static Problem problem(VerificationException.Failure failure) {
        return switch (failure) {
            case MALFORMED_EVIDENCE -> Problem.INVALID_EVIDENCE;
            case COLLATERAL_UNAVAILABLE -> Problem.UPSTREAM_UNAVAILABLE;
            default -> Problem.EVIDENCE_REJECTED;
        };
    }

    /** {@code policy_ids}: [] or absent means ["default"]; only the first id is used (§2.3, §5.2). */
    private static String policyId(List<String> ids) {
        if (ids == null || ids.isEmpty()) {
            return PolicyIds.DEFAULT;
        }
        if (ids.size() > 1) {
            log.debug("policy ids after the first are ignored: {}", ids.subList(1, ids.size()));
        }
        return PolicyIds.requireValid(ids.getFirst());
    }

    /** Known TEE names only, so a caller cannot inflate the metric's cardinality. */
    private static String metricTee(VerificationRequest request) {
        return request == null ? "unknown"
                : Tee.fromWire(request.tee()).map(Tee::wireName).orElse("unsupported");
    }
}
