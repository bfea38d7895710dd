package dev.arca.kbs.protocol;

import dev.arca.model.json.Json;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The outcome a verified token counts under in {@code arca_kbs_attestations_total}: the worst submod decides. */
class AttestationOutcomeTest {

    @Test
    void affirmedOnlyWhenEverySubmodAffirms() {
        assertThat(outcome("{\"cpu0\":{\"ear.status\":\"affirming\"}}")).isEqualTo("affirmed");
        assertThat(outcome("{\"cpu0\":{\"ear.status\":\"affirming\"},\"gpu0\":{\"ear.status\":\"affirming\"}}"))
                .isEqualTo("affirmed");
    }

    @Test
    void theWorstSubmodDecides() {
        assertThat(outcome("{\"cpu0\":{\"ear.status\":\"contraindicated\"}}")).isEqualTo("contraindicated");
        assertThat(outcome("{\"cpu0\":{\"ear.status\":\"warning\"}}")).isEqualTo("warning");
        assertThat(outcome("{\"cpu0\":{\"ear.status\":\"affirming\"},\"gpu0\":{\"ear.status\":\"contraindicated\"}}"))
                .isEqualTo("contraindicated");
        assertThat(outcome("{\"cpu0\":{\"ear.status\":\"warning\"},\"gpu0\":{\"ear.status\":\"none\"}}"))
                .isEqualTo("warning");
    }

    @Test
    void aTokenWithoutAnAppraisalIsNeverAffirmed() {
        assertThat(outcome("{\"cpu0\":{\"ear.status\":\"affirming\"},\"gpu0\":{\"ear.status\":\"none\"}}"))
                .isEqualTo("none");
        assertThat(outcome("{\"cpu0\":{\"ear.status\":\"affirming\"},\"gpu0\":{}}")).isEqualTo("none");
        assertThat(outcome("{\"cpu0\":{\"ear.status\":\"trust-me\"}}")).isEqualTo("none");
        assertThat(outcome("{\"cpu0\":{\"ear.status\":7}}")).isEqualTo("none");
        assertThat(outcome("{}")).isEqualTo("none");
        assertThat(AttestationMetrics.outcome(Json.tree("{\"eat_profile\":\"x\"}"))).isEqualTo("none");
    }

    private static String outcome(String submods) {
        return AttestationMetrics.outcome(Json.tree("{\"submods\":" + submods + "}"));
    }
}
