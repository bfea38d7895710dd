package dev.arca.model.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PolicyTypeTest {

    @Test
    void upstreamsRegoItsLegacyOpaAndCel() {
        assertThat(PolicyType.parse("rego")).contains(PolicyType.REGO);
        assertThat(PolicyType.parse("REGO")).contains(PolicyType.REGO);
        assertThat(PolicyType.parse("opa")).contains(PolicyType.REGO);
        assertThat(PolicyType.parse(" cel ")).contains(PolicyType.CEL);
    }

    @Test
    void absentOrBlankLetsTheTextDecide() {
        assertThat(PolicyType.parse(null)).isEmpty();
        assertThat(PolicyType.parse("")).isEmpty();
        assertThat(PolicyType.parse("  ")).isEmpty();
    }

    @Test
    void anythingElseIsRefusedWithAShortPrintableEcho() {
        assertThatThrownBy(() -> PolicyType.parse("wasm"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown policy type 'wasm': expected rego or cel");
        assertThatThrownBy(() -> PolicyType.parse("x\n".repeat(40)))
                .hasMessageStartingWith("unknown policy type 'x?x?")
                .hasMessageContaining("…'");
    }
}
