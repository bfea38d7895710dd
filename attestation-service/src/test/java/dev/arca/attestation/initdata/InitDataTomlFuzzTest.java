package dev.arca.attestation.initdata;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes the init-data TOML the AS receives with evidence (docs/fuzzing.md), including the nested {@code cdh.toml},
 * {@code aa.toml} and the Kata {@code policy.rego} {@code policy_data} JSON it turns into claims: a text is either
 * parsed or refused with an {@link InvalidInitDataException} (400); anything else that escapes is a finding.
 */
class InitDataTomlFuzzTest {

    @FuzzTest
    void initDataToml(byte[] bytes) {
        try {
            InitDataToml.parse(new String(bytes, StandardCharsets.UTF_8));
        } catch (InvalidInitDataException refused) {
            // typed refusal
        }
    }
}
