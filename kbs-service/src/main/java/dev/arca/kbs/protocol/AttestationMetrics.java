package dev.arca.kbs.protocol;

import dev.arca.kbs.token.VerifiedToken;
import dev.arca.model.ear.EarClaims;
import dev.arca.model.ear.EarStatus;
import dev.arca.model.tee.Tee;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * RCAR metrics (docs/operations.md "Metrics"): {@code arca_kbs_auth_requests_total} by outcome,
 * {@code arca_kbs_attestations_total} by TEE and outcome, and the latency of the AS call as histogram
 * {@code arca_kbs_attestation_duration_seconds} by TEE.
 *
 * <p>A token the KBS accepted counts by its EAR status: {@code affirmed} only when every submod is affirming, else
 * {@code warning}, {@code contraindicated} or {@code none} (the worst submod decides; a status that is missing or
 * unknown counts as {@code none}). An AS refusal counts as {@code refused}, anything else that failed as
 * {@code error}.
 */
@Component
public class AttestationMetrics {

    static final String AFFIRMED = "affirmed";

    private final MeterRegistry registry;

    public AttestationMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void auth(String outcome) {
        Counter.builder("arca.kbs.auth.requests").description("POST /kbs/v0/auth calls by outcome")
                .tag("outcome", outcome).register(registry).increment();
    }

    /** A token was verified and stored in the session. */
    public void attested(Tee tee, VerifiedToken token) {
        attestation(tee, outcome(token.claims()));
    }

    public void attestation(Tee tee, String outcome) {
        Counter.builder("arca.kbs.attestations").description("attestations by TEE and outcome")
                .tag("tee", tee.wireName()).tag("outcome", outcome).register(registry).increment();
    }

    public <T> T timeAttestation(Tee tee, Supplier<T> call) {
        return Timer.builder("arca.kbs.attestation.duration").description("time the attestation service took")
                .tag("tee", tee.wireName()).publishPercentileHistogram().register(registry).record(call);
    }

    /** The worst {@code ear.status} over the token's submods, named as an outcome. */
    static String outcome(JsonNode claims) {
        JsonNode submods = claims.path(EarClaims.SUBMODS);
        if (!submods.isObject() || submods.isEmpty()) {
            return EarStatus.NONE.wireName();
        }
        EarStatus worst = EarStatus.NONE;
        boolean unappraised = false;
        for (JsonNode submod : submods.values()) {
            EarStatus status = status(submod.path(EarClaims.STATUS));
            unappraised |= status == EarStatus.NONE;
            worst = worst.worst(status);
        }
        if (worst == EarStatus.AFFIRMING) {
            // a submod without an appraisal keeps the whole token from counting as affirmed
            return unappraised ? EarStatus.NONE.wireName() : AFFIRMED;
        }
        return worst.wireName();
    }

    private static EarStatus status(JsonNode value) {
        if (!value.isString()) {
            return EarStatus.NONE;
        }
        try {
            return EarStatus.fromWire(value.asString());
        } catch (IllegalArgumentException unknown) {
            return EarStatus.NONE;
        }
    }
}
