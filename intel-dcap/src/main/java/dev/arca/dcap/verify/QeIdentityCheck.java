package dev.arca.dcap.verify;

import dev.arca.dcap.DcapVerificationException;
import dev.arca.dcap.DcapVerificationException.Reason;
import dev.arca.dcap.collateral.IdentityTcbLevel;
import dev.arca.dcap.collateral.QeIdentity;
import dev.arca.dcap.collateral.TcbStatus;
import dev.arca.dcap.quote.SgxEnclaveReport;
import java.util.Arrays;

/**
 * Matches the QE report against the QE Identity (Intel QVL EnclaveReportVerifier):
 * MISCSELECT under mask, ATTRIBUTES under mask, MRSIGNER, ISVPRODID; then the QE TCB level by ISVSVN.
 */
final class QeIdentityCheck {

    private QeIdentityCheck() {
    }

    static QeTcb check(SgxEnclaveReport qeReport, QeIdentity identity) throws DcapVerificationException {
        if ((qeReport.miscSelectValue() & identity.miscselectMask()) != identity.miscselect()) {
            throw mismatch("MISCSELECT");
        }
        byte[] attributes = qeReport.attributes();
        byte[] mask = identity.attributesMask();
        for (int i = 0; i < attributes.length; i++) {
            if ((attributes[i] & mask[i]) != identity.attributes()[i]) {
                throw mismatch("ATTRIBUTES");
            }
        }
        if (!Arrays.equals(qeReport.mrSigner(), identity.mrSigner())) {
            throw mismatch("MRSIGNER");
        }
        if (qeReport.isvProdId() != identity.isvProdId()) {
            throw mismatch("ISVPRODID " + qeReport.isvProdId() + " (expected " + identity.isvProdId() + ")");
        }
        for (IdentityTcbLevel level : identity.tcbLevels()) {
            if (level.isvSvn() <= qeReport.isvSvn()) {
                QeTcb.Outcome outcome = level.status() == TcbStatus.UP_TO_DATE ? QeTcb.Outcome.UP_TO_DATE
                        : level.status() == TcbStatus.REVOKED ? QeTcb.Outcome.REVOKED : QeTcb.Outcome.OUT_OF_DATE;
                return new QeTcb(outcome, level);
            }
        }
        return new QeTcb(QeTcb.Outcome.NOT_SUPPORTED, null);
    }

    private static DcapVerificationException mismatch(String field) {
        return new DcapVerificationException(Reason.QE_IDENTITY, "QE report " + field + " does not match the "
                + "QE Identity");
    }
}
