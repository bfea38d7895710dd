package dev.arca.dcap.collateral;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.arca.dcap.DcapVerificationException;
import java.util.List;

/**
 * Fuzzes the collateral documents as PCS/PCCS serve them (docs/fuzzing.md): the signed response envelope
 * ({@code {"tcbInfo": …, "signature": …}}), the TCB Info body (v2/v3, SGX and TDX) and the QE Identity body. Each is
 * either read or refused with a {@link DcapVerificationException}; anything else that escapes is a finding.
 */
class CollateralParserFuzzTest {

    @FuzzTest
    void tcbInfo(byte[] body) {
        try {
            CollateralParser.tcbInfo(body);
        } catch (DcapVerificationException refused) {
            // typed refusal
        }
    }

    @FuzzTest
    void qeIdentity(byte[] body) {
        try {
            CollateralParser.qeIdentity(body);
        } catch (DcapVerificationException refused) {
            // typed refusal
        }
    }

    /** The envelope, then the body cut out of it, as {@code CollateralVerifier} reads them. */
    @FuzzTest
    void signedResponse(byte[] response) {
        for (String member : List.of(SignedJson.TCB_INFO, SignedJson.ENCLAVE_IDENTITY)) {
            try {
                SignedJson signed = SignedJson.fromResponse(response, member, List.of());
                if (member.equals(SignedJson.TCB_INFO)) {
                    CollateralParser.tcbInfo(signed.signedBytes());
                } else {
                    CollateralParser.qeIdentity(signed.signedBytes());
                }
            } catch (DcapVerificationException refused) {
                // typed refusal
            }
        }
    }
}
