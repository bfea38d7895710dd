package dev.arca.dcap.verify;

import dev.arca.dcap.DcapVerificationException;
import dev.arca.dcap.DcapVerificationException.Reason;
import dev.arca.dcap.collateral.IdentityTcbLevel;
import dev.arca.dcap.collateral.TcbInfo;
import dev.arca.dcap.collateral.TcbLevel;
import dev.arca.dcap.collateral.TcbStatus;
import dev.arca.dcap.collateral.TdxModuleIdentity;
import java.util.Locale;
import java.util.Set;

/**
 * The TDX 1.5 relaunch rule (Intel QVL TDRelaunchCheck). When the QE is current, the
 * SGX level is not out of date, the TDX level is out of date only because of the TDX module, and tee_tcb_svn2 (the
 * module the TD would run on after a relaunch) reaches the newest TCB level, the status becomes TDRelaunchAdvised
 * (or TDRelaunchAdvisedConfigurationNeeded): relaunching the TD on the updated module brings it up to date.
 */
final class TdRelaunchCheck {

    private static final Set<TcbStatus> SGX_CURRENT = Set.of(TcbStatus.UP_TO_DATE, TcbStatus.SW_HARDENING_NEEDED,
            TcbStatus.CONFIGURATION_NEEDED, TcbStatus.CONFIGURATION_AND_SW_HARDENING_NEEDED);

    private TdRelaunchCheck() {
    }

    static TcbStatus apply(byte[] teeTcbSvn2, TcbInfo tcbInfo, TcbStatus sgxStatus, TcbStatus tdxStatus,
            TcbStatus moduleStatus, QeTcb.Outcome qe) throws DcapVerificationException {
        boolean qeCurrent = qe == QeTcb.Outcome.UP_TO_DATE;
        boolean tdxOutOfDate = tdxStatus == TcbStatus.OUT_OF_DATE
                || tdxStatus == TcbStatus.OUT_OF_DATE_CONFIGURATION_NEEDED;
        if (!qeCurrent || !SGX_CURRENT.contains(sgxStatus) || !tdxOutOfDate || moduleStatus != TcbStatus.OUT_OF_DATE) {
            return tdxStatus;
        }
        TcbLevel latest = tcbInfo.tcbLevels().getFirst();
        int svn0 = teeTcbSvn2[0] & 0xFF;
        int version2 = teeTcbSvn2[1] & 0xFF;
        int svn2 = teeTcbSvn2[2] & 0xFF;
        boolean relaunchHelps;
        if (version2 == 0) {
            relaunchHelps = svn0 >= latest.tdxComponents().get(0) && svn2 >= latest.tdxComponents().get(2);
        } else {
            TdxModuleIdentity identity = TdxModuleCheck.find(tcbInfo, version2).orElseThrow(
                    () -> new DcapVerificationException(Reason.TDX_MODULE_MISMATCH, String.format(Locale.ROOT,
                            "TCB Info has no TDX module identity TDX_%02X for tee_tcb_svn2", version2)));
            if (identity.tcbLevels().isEmpty()) {
                throw TcbEvaluator.notSupported("TDX module identity " + identity.id() + " has no levels");
            }
            IdentityTcbLevel newest = identity.tcbLevels().getFirst();
            relaunchHelps = svn0 >= newest.isvSvn() && svn2 >= latest.tdxComponents().get(2);
        }
        if (!relaunchHelps) {
            return tdxStatus;
        }
        return sgxStatus.configurationNeeded() || tdxStatus.configurationNeeded()
                ? TcbStatus.TD_RELAUNCH_ADVISED_CONFIGURATION_NEEDED
                : TcbStatus.TD_RELAUNCH_ADVISED;
    }
}
