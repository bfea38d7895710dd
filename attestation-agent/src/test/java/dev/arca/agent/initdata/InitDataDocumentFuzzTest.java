package dev.arca.agent.initdata;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the init-data TOML document as the agent reads it from the host (docs/fuzzing.md): bytes are either a
 * document or refused with an {@link InvalidInitDataException}; anything else that escapes is a finding.
 */
class InitDataDocumentFuzzTest {

    @FuzzTest
    void initData(byte[] bytes) {
        try {
            InitDataDocument.parse(bytes);
        } catch (InvalidInitDataException refused) {
            // typed refusal
        }
    }
}
