package dev.arca.attestation.support;

import dev.arca.model.testing.Corpus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

/**
 * The Intel part of the real-evidence {@link Corpus} outside the repository (docs/testing.md): Phala dcap-qvl's quotes
 * and collateral, read in place where {@link Corpus} finds them, with pinned instants inside the collateral's
 * validity and literal values. Classes that read it are marked {@link dev.arca.model.testing.RealEvidence} and are
 * skipped when it is absent.
 */
public final class IntelVectors {

    /** Cases I1 (SGX) and I2 (TDX): inside both phala collateral windows (Phala dcap-qvl test data). */
    public static final Instant I1_AT = Instant.parse("2025-07-01T00:00:00Z");
    public static final Instant I2_AT = Instant.parse("2025-07-01T00:00:00Z");
    /** Cases I7/I8: go-tdx-guest's 2023 collateral. */
    public static final Instant I8_AT = Instant.parse("2023-07-01T01:00:00Z");
    /** Case I9: trustee's 2025 TCB Info and QE Identity, no CRLs. */
    public static final Instant I9_AT = Instant.parse("2025-11-01T00:00:00Z");

    public static final String TDX_QUOTE = "tdx/phala_tdx_quote";
    public static final String TDX_COLLATERAL = "intel-collateral/phala_tdx_quote_collateral.json";
    public static final String SGX_QUOTE = "sgx/phala_sgx_quote";
    public static final String SGX_COLLATERAL = "intel-collateral/phala_sgx_quote_collateral.json";

    /** Claims of Phala dcap-qvl's sample TD quote. */
    public static final String TDX_MR_TD = "91eb2b44d141d4ece09f0c75c2c53d247a3c68edd7fafe8a3520c942a604a407de03ae6dc5f87f"
            + "27428b2538873118b7";
    public static final String TDX_REPORT_DATA = "9a9d48e7f6799642d3d1b34e1e5e1742d4bb02dd6ddd551862c1211d35c304f9eca3"
            + "efdbb481601c163cf52493d6e44aed55d51ec39b7e518fadb92c2b523f20";
    /** Claims of Phala dcap-qvl's sample SGX quote. */
    public static final String SGX_MR_ENCLAVE = "33d8736db756ed4997e04ba358d27833188f1932ff7b1d156904d3f560452fbb";
    public static final String SGX_MR_SIGNER = "815f42f11cf64430c30bab7816ba596a1da0130c3b028b673133a66cf9a3e0e6";

    /** Quote layouts (TDX QGL/QVL API spec Appendix A): a 48-byte header, then the body. */
    private static final int HEADER = 48;
    private static final int TD_XFAM = HEADER + 128;
    private static final int TD_RTMR0 = HEADER + 328;
    private static final int TD_REPORT_DATA = HEADER + 520;
    private static final int SGX_REPORT_DATA = HEADER + 320;

    private IntelVectors() {
    }

    public static Path path(String relative) {
        return Corpus.path(relative);
    }

    public static byte[] bytes(String relative) {
        return Corpus.bytes(relative);
    }

    public static String b64std(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** The TD quote's 64-byte report_data. */
    public static byte[] tdReportData(byte[] quote) {
        return Arrays.copyOfRange(quote, TD_REPORT_DATA, TD_REPORT_DATA + 64);
    }

    public static byte[] tdXfam(byte[] quote) {
        return Arrays.copyOfRange(quote, TD_XFAM, TD_XFAM + 8);
    }

    /** RTMR {@code index} (48 bytes). */
    public static byte[] tdRtmr(byte[] quote, int index) {
        int at = TD_RTMR0 + 48 * index;
        return Arrays.copyOfRange(quote, at, at + 48);
    }

    /** The enclave's 64-byte report_data. */
    public static byte[] sgxReportData(byte[] quote) {
        return Arrays.copyOfRange(quote, SGX_REPORT_DATA, SGX_REPORT_DATA + 64);
    }

    /** Copies corpus files into {@code dir} under new names: {@code pairs} is (corpus path, file name)*. */
    public static Path copyInto(Path dir, String... pairs) {
        try {
            Files.createDirectories(dir);
            for (int i = 0; i + 1 < pairs.length; i += 2) {
                Files.copy(path(pairs[i]), dir.resolve(pairs[i + 1]), StandardCopyOption.REPLACE_EXISTING);
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
