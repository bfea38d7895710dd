package dev.arca.attestation.support;

import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One AS (one cached context) for the Intel verifiers' API tests: "verify as of" allowed
 * ({@code arca.as.allow-verify-as-of=true}), Intel collateral from an offline directory holding the corpus's phala
 * bundles for the TDX and SGX quotes (Phala dcap-qvl test data, in the real-evidence corpus of docs/testing.md), and a
 * stub RVPS with the reference values of those two quotes under the names the default policy reads.
 */
public abstract class IntelVerifierTestBase extends IntelApiTestBase {

    protected static final Path DATA_DIR = tempDir("arca-as-intel-test");
    protected static final Path COLLATERAL_DIR = IntelVectors.copyInto(DATA_DIR.resolve("offline-collateral/intel"),
            IntelVectors.TDX_COLLATERAL, "phala-tdx-bundle.json", IntelVectors.SGX_COLLATERAL, "phala-sgx-bundle.json");
    protected static final StubRvpsServer RVPS = StubRvpsServer.start();
    protected static final byte[] TDX_QUOTE = IntelVectors.bytes(IntelVectors.TDX_QUOTE);
    protected static final byte[] SGX_QUOTE = IntelVectors.bytes(IntelVectors.SGX_QUOTE);

    static {
        // the default policy's TDX reference values, read from the quote's body
        RVPS.put("mr_td", "[\"" + IntelVectors.TDX_MR_TD + "\"]");
        RVPS.put("xfam", "[\"" + hex(IntelVectors.tdXfam(TDX_QUOTE)) + "\"]");
        RVPS.put("rtmr_1", "[\"" + hex(IntelVectors.tdRtmr(TDX_QUOTE, 1)) + "\"]");
        RVPS.put("rtmr_2", "[\"" + hex(IntelVectors.tdRtmr(TDX_QUOTE, 2)) + "\"]");
        // and the SGX enclave's 
        RVPS.put("mr_enclave", "[\"" + IntelVectors.SGX_MR_ENCLAVE + "\"]");
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("arca.data-dir", DATA_DIR::toString);
        registry.add("arca.callers.trusted.kbs", KbsCaller::publicKeyFile);
        registry.add("arca.as.rvps-url", () -> RVPS.url().toString());
        registry.add("arca.as.allow-verify-as-of", () -> "true");
        registry.add("arca.as.collateral.offline-dir", () -> COLLATERAL_DIR.getParent().toString());
    }
}
