package dev.arca.dcap.verify;

import dev.arca.dcap.DcapVerificationException;
import dev.arca.dcap.DcapVerificationException.Reason;
import dev.arca.dcap.collateral.IdentityTcbLevel;
import dev.arca.dcap.collateral.QeIdentity;
import dev.arca.dcap.collateral.TcbInfo;
import dev.arca.dcap.collateral.TcbLevel;
import dev.arca.dcap.collateral.TcbStatus;
import dev.arca.dcap.pck.PckTcb;
import dev.arca.dcap.pck.SgxExtensions;
import dev.arca.dcap.quote.Quote;
import dev.arca.dcap.quote.TdReport;
import dev.arca.dcap.quote.TdReport15;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * TCB evaluation as Intel's QVL performs it (TcbLevelCheck, TdxModuleCheck,
 * TDRelaunchCheck):
 * <ol>
 *   <li>walk the TCB levels in the order served: the SGX level is the first whose 16 SGX components and PCESVN are
 *       all ≤ the PCK certificate's; for TDX the TDX level is the first such level whose TDX components are also
 *       ≤ tee_tcb_svn (indices 0 and 1 skipped when tee_tcb_svn[1] &gt; 0); none → TCB_NOT_SUPPORTED;</li>
 *   <li>TDX: the module level (first isvsvn ≤ tee_tcb_svn[0]) converges with the TDX level;</li>
 *   <li>TDX 1.5 bodies: the TD-relaunch rule may turn an out-of-date TD into TDRelaunchAdvised;</li>
 *   <li>the QE level converges last: OutOfDate makes UpToDate/SWHardeningNeeded OutOfDate and the Configuration*
 *       statuses OutOfDateConfigurationNeeded; Revoked anywhere is Revoked.</li>
 * </ol>
 * Terminal outcomes (TCB_NOT_SUPPORTED, Revoked, TDX_MODULE_MISMATCH) are refusals, as in upstream's verifier,
 * which accepts only the eight statuses of Trustee's tdx verifier.
 */
public final class TcbEvaluator {

    private TcbEvaluator() {
    }

    public static TcbEvaluation evaluate(Quote quote, SgxExtensions pck, TcbInfo tcbInfo, QeIdentity qeIdentity)
            throws DcapVerificationException {
        String pceId = HexFormat.of().formatHex(pck.pceId());
        if (!pceId.equalsIgnoreCase(tcbInfo.pceId())) {
            throw new DcapVerificationException(Reason.COLLATERAL_MISMATCH, "TCB Info is for PCE-ID "
                    + tcbInfo.pceId() + ", the PCK certificate's is " + pceId.toUpperCase(java.util.Locale.ROOT));
        }
        String fmspc = HexFormat.of().formatHex(pck.fmspc());
        if (!fmspc.equalsIgnoreCase(tcbInfo.fmspc())) {
            throw new DcapVerificationException(Reason.COLLATERAL_MISMATCH, "TCB Info is for FMSPC "
                    + tcbInfo.fmspc() + ", the PCK certificate's is " + fmspc);
        }
        TdReport td = quote.tdReport().orElse(null);
        TdxModuleCheck.ModuleTcb module = td == null ? null : TdxModuleCheck.check(td, tcbInfo);
        QeTcb qe = QeIdentityCheck.check(quote.signatureData().qeReport(), qeIdentity);

        LevelMatch match = match(tcbInfo.tcbLevels(), pck.tcb(), td == null ? null : td.teeTcbSvn());
        if (match.sgx() == null) {
            throw notSupported("no TCB level is at or below the PCK certificate's SGX TCB (components "
                    + pck.tcb().componentSvns() + ", PCESVN " + pck.tcb().pceSvn() + ")");
        }
        TcbStatus status;
        TcbLevel platform;
        IdentityTcbLevel moduleLevel = null;
        if (td == null) {
            platform = match.sgx();
            status = platform.status();
        } else {
            if (match.tdx() == null) {
                throw notSupported("no TCB level is at or below the TD's TEE TCB SVN "
                        + HexFormat.of().formatHex(td.teeTcbSvn()));
            }
            platform = match.tdx();
            TcbStatus moduleStatus = TcbStatus.UP_TO_DATE;
            if (TdxModuleCheck.moduleVersion(td) > 0) {
                moduleLevel = module.matchedLevel().orElseThrow(() -> notSupported(
                        "no TDX module level is at or below the module ISVSVN " + (td.teeTcbSvn()[0] & 0xFF)));
                moduleStatus = moduleLevel.status();
            }
            status = convergeWithModule(platform.status(), moduleStatus);
            if (status == TcbStatus.REVOKED) {
                throw revoked("the TDX TCB level is Revoked");
            }
            if (td instanceof TdReport15 td15) {
                status = TdRelaunchCheck.apply(td15.teeTcbSvn2(), tcbInfo, match.sgx().status(), status,
                        moduleStatus, qe.outcome());
            }
        }
        status = convergeWithQe(status, qe.outcome());
        if (status == TcbStatus.REVOKED) {
            throw revoked("the platform's TCB is Revoked");
        }
        return new TcbEvaluation(status, advisories(platform, moduleLevel, qe.level()),
                tcbDate(platform, moduleLevel, qe.level()), platform, moduleLevel, qe.level());
    }

    private record LevelMatch(TcbLevel sgx, TcbLevel tdx) {
    }

    private static LevelMatch match(List<TcbLevel> levels, PckTcb pck, byte[] teeTcbSvn) {
        TcbLevel sgx = null;
        for (TcbLevel level : levels) {
            if (!sgxAtOrAbove(pck, level)) {
                continue;
            }
            if (teeTcbSvn == null) {
                return new LevelMatch(level, null);
            }
            if (sgx == null) {
                sgx = level;
            }
            if (tdxAtOrAbove(teeTcbSvn, level)) {
                return new LevelMatch(sgx, level);
            }
        }
        return new LevelMatch(sgx, null);
    }

    private static boolean sgxAtOrAbove(PckTcb pck, TcbLevel level) {
        for (int i = 0; i < 16; i++) {
            if (pck.componentSvns().get(i) < level.sgxComponents().get(i)) {
                return false;
            }
        }
        return pck.pceSvn() >= level.pceSvn();
    }

    /** Indices 0–1 (module ISV SVN and version) are judged by the module identity when tee_tcb_svn[1] &gt; 0. */
    private static boolean tdxAtOrAbove(byte[] teeTcbSvn, TcbLevel level) {
        if (level.tdxComponents().size() != 16) {
            return false;
        }
        int start = (teeTcbSvn[1] & 0xFF) > 0 ? 2 : 0;
        for (int i = start; i < 16; i++) {
            if ((teeTcbSvn[i] & 0xFF) < level.tdxComponents().get(i)) {
                return false;
            }
        }
        return true;
    }

    /** Intel QVL convergeTcbStatusWithTdxModuleStatus. */
    static TcbStatus convergeWithModule(TcbStatus level, TcbStatus module) {
        if (module == TcbStatus.REVOKED) {
            return TcbStatus.REVOKED;
        }
        return module == TcbStatus.UP_TO_DATE ? level : outOfDate(level);
    }

    /** Intel QVL convergeTcbStatusWithQeTcbStatus. */
    static TcbStatus convergeWithQe(TcbStatus level, QeTcb.Outcome qe) throws DcapVerificationException {
        return switch (qe) {
            case UP_TO_DATE -> level;
            case OUT_OF_DATE -> outOfDate(level);
            case REVOKED -> TcbStatus.REVOKED;
            case NOT_SUPPORTED -> throw notSupported("the QE's ISVSVN is below every QE Identity level");
        };
    }

    private static TcbStatus outOfDate(TcbStatus level) {
        return switch (level) {
            case UP_TO_DATE, SW_HARDENING_NEEDED -> TcbStatus.OUT_OF_DATE;
            case CONFIGURATION_NEEDED, CONFIGURATION_AND_SW_HARDENING_NEEDED ->
                    TcbStatus.OUT_OF_DATE_CONFIGURATION_NEEDED;
            default -> level;
        };
    }

    private static List<String> advisories(TcbLevel platform, IdentityTcbLevel module, IdentityTcbLevel qe) {
        Set<String> ids = new LinkedHashSet<>(platform.advisoryIds());
        if (module != null) {
            ids.addAll(module.advisoryIds());
        }
        if (qe != null) {
            ids.addAll(qe.advisoryIds());
        }
        return new ArrayList<>(ids);
    }

    private static Instant tcbDate(TcbLevel platform, IdentityTcbLevel module, IdentityTcbLevel qe) {
        Instant date = platform.tcbDate();
        if (module != null && module.tcbDate().isBefore(date)) {
            date = module.tcbDate();
        }
        if (qe != null && qe.tcbDate().isBefore(date)) {
            date = qe.tcbDate();
        }
        return date;
    }

    static DcapVerificationException notSupported(String detail) {
        return new DcapVerificationException(Reason.TCB_NOT_MATCHED, "TCB_NOT_SUPPORTED: " + detail);
    }

    private static DcapVerificationException revoked(String detail) {
        return new DcapVerificationException(Reason.REVOKED, detail);
    }
}
