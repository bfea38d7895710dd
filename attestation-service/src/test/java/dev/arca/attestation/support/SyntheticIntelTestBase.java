package dev.arca.attestation.support;


import dev.arca.dcap.collateral.RawCollateral;
import dev.arca.dcap.testpki.IssuedPck;
import dev.arca.dcap.testpki.PckProfile;
import dev.arca.dcap.testpki.SyntheticPlatform;
import dev.arca.dcap.testpki.TestPki;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One AS (one cached context) for the Intel verifiers' API tests on synthetic evidence: a platform under a test PKI
 * (intel-dcap's {@code dev.arca.dcap.testpki}), its TDX and SGX collateral as bundle files in the Intel folder of the
 * offline collateral directory, and the AS pinning the test root ({@code arca.as.intel.trusted-root-sha256}) — the one setting that
 * differs from production. The PCK CRL revokes {@link #REVOKED_PCK}; {@link #FOREIGN} is a platform under another
 * hierarchy. A stub RVPS holds the synthetic quotes' reference values under the names the default policy reads.
 */
public abstract class SyntheticIntelTestBase extends IntelApiTestBase {

    protected static final SyntheticPlatform PLATFORM = SyntheticPlatform.create();
    /** Same FMSPC, SGX components 2: the OutOfDate level of the collateral. */
    protected static final SyntheticPlatform OUTDATED = PLATFORM.withPck(PckProfile.platform().withAllSgxComponents(2));
    protected static final IssuedPck REVOKED_PCK = PLATFORM.pki().issuePck(PLATFORM.profile());
    protected static final SyntheticPlatform FOREIGN = SyntheticPlatform.create();
    /** Inside every window of the synthetic PKI and collateral. */
    protected static final Instant AT = TestPki.AT;
    /** After the collateral's nextUpdate (2030-01-01). */
    protected static final Instant AFTER_NEXT_UPDATE = Instant.parse("2030-06-01T00:00:00Z");

    protected static final Path DATA_DIR = tempDir("arca-as-intel-synthetic-test");
    protected static final Path COLLATERAL_DIR = writeCollateral(DATA_DIR.resolve("offline-collateral/intel"));
    protected static final StubRvpsServer RVPS = StubRvpsServer.start();

    static {
        // the default policy's reference values: the synthetic quotes' defaults (QuoteBuilder), RTMRs zero
        RVPS.put("mr_td", "[\"" + "7d".repeat(48) + "\"]");
        RVPS.put("xfam", "[\"e702060000000000\"]");
        RVPS.put("rtmr_1", "[\"" + "00".repeat(48) + "\"]");
        RVPS.put("rtmr_2", "[\"" + "00".repeat(48) + "\"]");
        RVPS.put("mr_enclave", "[\"" + "33".repeat(32) + "\"]");
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("arca.data-dir", DATA_DIR::toString);
        registry.add("arca.callers.trusted.kbs", KbsCaller::publicKeyFile);
        registry.add("arca.as.rvps-url", () -> RVPS.url().toString());
        registry.add("arca.as.allow-verify-as-of", () -> "true");
        registry.add("arca.as.collateral.offline-dir", () -> COLLATERAL_DIR.getParent().toString());
        registry.add("arca.as.intel.trusted-root-sha256", () -> PLATFORM.pki().rootFingerprint());
    }

    private static Path writeCollateral(Path dir) {
        byte[] pckCrl = PLATFORM.pckCrl(REVOKED_PCK.serial());
        byte[] rootCrl = PLATFORM.rootCaCrl();
        RawCollateral tdx = PLATFORM.collateral(PLATFORM.pki().signCollateral(PLATFORM.tdxTcbInfo().json()),
                PLATFORM.pki().signCollateral(PLATFORM.tdxQeIdentity().json()), pckCrl, rootCrl);
        RawCollateral sgx = PLATFORM.collateral(PLATFORM.pki().signCollateral(PLATFORM.sgxTcbInfo().json()),
                PLATFORM.pki().signCollateral(PLATFORM.sgxQeIdentity().json()), pckCrl, rootCrl);
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("synthetic-tdx-bundle.json"), SyntheticPlatform.bundleJson(tdx));
            Files.writeString(dir.resolve("synthetic-sgx-bundle.json"), SyntheticPlatform.bundleJson(sgx));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
