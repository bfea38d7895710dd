package dev.arca.dcap.verify;

import dev.arca.dcap.DcapVerificationException;
import dev.arca.dcap.DcapVerificationException.Reason;
import dev.arca.dcap.collateral.IdentityTcbLevel;
import dev.arca.dcap.collateral.TcbInfo;
import dev.arca.dcap.collateral.TdxModuleIdentity;
import dev.arca.dcap.quote.TdReport;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * The TDX module checks (Intel QVL QuoteVerifier 4.1.2.4.11 and TdxModuleCheck).
 * tee_tcb_svn[1] is the module's major version and tee_tcb_svn[0] its ISV SVN. For version &gt; 0 the identity is
 * the {@code tdxModuleIdentities} entry {@code TDX_%02X}; otherwise the top-level {@code tdxModule}. MRSIGNERSEAM must
 * equal the identity's mrsigner and SEAMATTRIBUTES must equal its attributes under the attributes mask.
 */
final class TdxModuleCheck {

    /** The module identity that applies, and its matched level when versioned. */
    record ModuleTcb(TdxModuleIdentity identity, IdentityTcbLevel level) {

        Optional<IdentityTcbLevel> matchedLevel() {
            return Optional.ofNullable(level);
        }
    }

    private static final HexFormat UPPER_HEX = HexFormat.of().withUpperCase();

    private TdxModuleCheck() {
    }

    static int moduleVersion(TdReport td) {
        return td.teeTcbSvn()[1] & 0xFF;
    }

    static Optional<TdxModuleIdentity> find(TcbInfo tcbInfo, int version) {
        String id = "TDX_" + UPPER_HEX.toHexDigits((byte) version);
        return tcbInfo.tdxModuleIdentities().stream()
                .filter(identity -> identity.id().toUpperCase(Locale.ROOT).equals(id))
                .findFirst();
    }

    /** Identity match; for a versioned module also its TCB level (null when no level's isvsvn ≤ tee_tcb_svn[0]). */
    static ModuleTcb check(TdReport td, TcbInfo tcbInfo) throws DcapVerificationException {
        int version = moduleVersion(td);
        TdxModuleIdentity identity;
        if (version > 0) {
            identity = find(tcbInfo, version).orElseThrow(() -> new DcapVerificationException(
                    Reason.TDX_MODULE_MISMATCH, String.format(Locale.ROOT,
                            "TCB Info has no TDX module identity TDX_%02X", version)));
        } else {
            identity = tcbInfo.module().orElseThrow(() -> new DcapVerificationException(
                    Reason.TDX_MODULE_MISMATCH, "TCB Info has no tdxModule"));
        }
        if (!Arrays.equals(td.mrSignerSeam(), identity.mrSigner())) {
            throw new DcapVerificationException(Reason.TDX_MODULE_MISMATCH,
                    "MRSIGNERSEAM does not match the TDX module identity");
        }
        byte[] seam = td.seamAttributes();
        for (int i = 0; i < seam.length; i++) {
            int mask = identity.attributesMask()[i];
            if ((seam[i] & mask) != (identity.attributes()[i] & mask)) {
                throw new DcapVerificationException(Reason.TDX_MODULE_MISMATCH,
                        "SEAMATTRIBUTES do not match the TDX module identity");
            }
        }
        if (version == 0) {
            return new ModuleTcb(identity, null);
        }
        int isvSvn = td.teeTcbSvn()[0] & 0xFF;
        IdentityTcbLevel level = identity.tcbLevels().stream()
                .filter(l -> l.isvSvn() <= isvSvn)
                .findFirst()
                .orElse(null);
        return new ModuleTcb(identity, level);
    }
}
