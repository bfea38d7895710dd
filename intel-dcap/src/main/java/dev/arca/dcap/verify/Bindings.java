package dev.arca.dcap.verify;

import dev.arca.dcap.DcapVerificationException;
import dev.arca.dcap.DcapVerificationException.Reason;
import dev.arca.dcap.quote.QuoteBody;
import dev.arca.dcap.quote.SgxEnclaveReport;
import dev.arca.dcap.quote.TdReport;
import dev.arca.model.json.ReportData;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Report-data and init-data bindings (Trustee tdx and sgx verifiers): regularize(expected report data, 64) must
 * equal the body's report_data; the init-data digest regularize(·, 48) must equal TDX mr_config_id, regularize(·, 64)
 * SGX config_id. Absent expectations are not checked, as upstream.
 */
public final class Bindings {

    private Bindings() {
    }

    public static void reportData(QuoteBody body, Optional<byte[]> expected) throws DcapVerificationException {
        if (expected.isPresent()
                && !MessageDigest.isEqual(ReportData.regularize(expected.get(), 64), body.reportData())) {
            throw new DcapVerificationException(Reason.REPORT_DATA_MISMATCH,
                    "the quote's report_data does not bind the expected report data");
        }
    }

    public static void initData(TdReport body, Optional<byte[]> expected) throws DcapVerificationException {
        if (expected.isPresent()
                && !MessageDigest.isEqual(ReportData.regularize(expected.get(), 48), body.mrConfigId())) {
            throw new DcapVerificationException(Reason.INIT_DATA_MISMATCH,
                    "MRCONFIGID does not bind the expected init-data digest");
        }
    }

    public static void initData(SgxEnclaveReport body, Optional<byte[]> expected) throws DcapVerificationException {
        if (expected.isPresent()
                && !MessageDigest.isEqual(ReportData.regularize(expected.get(), 64), body.configId())) {
            throw new DcapVerificationException(Reason.INIT_DATA_MISMATCH,
                    "CONFIGID does not bind the expected init-data digest");
        }
    }
}
