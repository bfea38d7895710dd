package dev.arca.attestation.attest;

import dev.arca.attestation.policy.NamedPolicy;
import dev.arca.attestation.policy.PolicyCatalog;
import dev.arca.attestation.policy.PolicyEngine;
import dev.arca.attestation.policy.PolicyIds;
import dev.arca.attestation.policy.PolicyVerdict;
import dev.arca.attestation.token.AnnotatedEvidence;
import dev.arca.attestation.token.Appraisal;
import dev.arca.attestation.token.EarTokenBroker;
import dev.arca.attestation.verifier.DeviceClaims;
import dev.arca.attestation.web.ApiException;
import dev.arca.attestation.web.Problem;
import dev.arca.model.as.VerificationRequest;
import dev.arca.model.tee.Tee;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The AS's processing model (Trustee attestation-service README): verify every request's evidence as of the
 * verification time, appraise every resulting device with the policy of its class, sign one EAR token. Any failure
 * aborts the whole request; no token is signed for evidence that did not verify. A policy that merely scores badly, or
 * fails and is therefore read as contraindicated, still yields a token whose status says so.
 */
@Service
public class AttestationService {

    /** Submod extension set when evidence was verified as of another instant than now. */
    static final String VERIFIED_AS_OF = "arca.verified-as-of";
    private static final Logger log = LoggerFactory.getLogger(AttestationService.class);

    private final VerificationInputDecoder decoder;
    private final VerificationClock verificationClock;
    private final DeviceVerification verification;
    private final PolicyCatalog policies;
    private final PolicyEngine engine;
    private final EarTokenBroker broker;
    private final AttestationMetrics metrics;

    AttestationService(VerificationInputDecoder decoder, VerificationClock verificationClock,
            DeviceVerification verification, PolicyCatalog policies, PolicyEngine engine, EarTokenBroker broker,
            AttestationMetrics metrics) {
        this.decoder = decoder;
        this.verificationClock = verificationClock;
        this.verification = verification;
        this.policies = policies;
        this.engine = engine;
        this.broker = broker;
        this.metrics = metrics;
    }

    public String attest(AttestationApiRequest request) {
        Timer.Sample timer = metrics.start();
        boolean issued = false;
        try {
            String token = verifyAppraiseSign(request);
            issued = true;
            return token;
        } finally {
            metrics.stop(timer, issued);
        }
    }

    private String verifyAppraiseSign(AttestationApiRequest request) {
        VerificationTime time;
        String policyId;
        try {
            if (request == null || request.verificationRequests() == null
                    || request.verificationRequests().isEmpty()) {
                throw ApiException.badRequest("No verification requests provided.");
            }
            time = verificationClock.resolve(request.verifyAt());
            policyId = policyId(request.policyIds());
        } catch (ApiException e) {
            metrics.failed(null, e);
            throw e;
        }
        Map<String, NamedPolicy> policyByClass = new HashMap<>();
        List<Appraisal> appraisals = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        List<VerificationRequest> requests = request.verificationRequests();
        for (int i = 0; i < requests.size(); i++) {
            try {
                VerificationInput input = decoder.decode(requests.get(i), i);
                for (DeviceClaims device : verification.verify(input, i, time.instant())) {
                    NamedPolicy policy = policyByClass.computeIfAbsent(device.deviceClass(),
                            deviceClass -> policies.forDevice(policyId, deviceClass));
                    ObjectNode annotated = AnnotatedEvidence.of(input.verifier().tee(), device.claims(),
                            input.runtimeDataClaims(), input.initDataClaims());
                    PolicyVerdict verdict = engine.appraise(policy, annotated);
                    if (PolicyVerdict.RVPS_UNAVAILABLE.equals(verdict.failure())) {
                        // no token at all rather than a contraindicated one: the evidence was not judged, and the
                        // caller may retry once the RVPS is back (a 503 the KBS passes on to the guest)
                        throw new ApiException(Problem.RVPS_UNAVAILABLE, "the reference values of policy '"
                                + policy.id() + "' cannot be read: the RVPS does not answer and no cached answer is"
                                + " within arca.as.rvps-stale-if-error; retry later");
                    }
                    appraisals.add(appraisal(input.verifier().tee(), device, policyId, policy, verdict, annotated,
                            time));
                    failures.add(verdict.failure());
                }
            } catch (ApiException e) {
                metrics.failed(metricTee(requests.get(i)), e);
                throw e;
            }
        }
        String token = broker.issue(appraisals);
        for (int i = 0; i < appraisals.size(); i++) {
            Appraisal appraisal = appraisals.get(i);
            metrics.appraised(appraisal.tee().wireName(), appraisal.trustVector().status(),
                    failures.get(i));
        }
        return token;
    }

    private static Appraisal appraisal(Tee tee, DeviceClaims device, String policyId, NamedPolicy policy,
            PolicyVerdict verdict, ObjectNode annotated, VerificationTime time) {
        log.info("{} {} device appraised with policy '{}': {} {}", tee, device.deviceClass(), policy.id(),
                verdict.trustVector().status().wireName(), verdict.trustVector().byName());
        Map<String, JsonNode> extensions = new LinkedHashMap<>(verdict.extensions());
        if (time.asOf()) {
            // a token for evidence verified in the past must say so: its collateral may have expired since
            extensions.put(VERIFIED_AS_OF, JsonNodeFactory.instance.stringNode(time.instant().toString()));
        }
        return new Appraisal(tee, device.deviceClass(), policyId, verdict.trustVector(), annotated, extensions);
    }

    /** {@code policy_ids}: [] or absent means ["default"]; only the first id is used. */
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
