package dev.arca.cca.token;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.arca.cca.CcaVerificationException;

/**
 * Fuzzes the CCA token parser (docs/fuzzing.md): the tag-399 collection, both COSE_Sign1 and both claim maps are read
 * and the Sig_structures built, or the input is refused with a {@link CcaVerificationException}; anything else is a
 * finding.
 */
class CcaTokenFuzzTest {

    @FuzzTest
    void token(byte[] bytes) {
        try {
            CcaToken token = CcaToken.parse(bytes);
            token.platform().toBeSigned();
            token.realm().toBeSigned();
        } catch (CcaVerificationException refused) {
            // typed refusal
        }
    }
}
