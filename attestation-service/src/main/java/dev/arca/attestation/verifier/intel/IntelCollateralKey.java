package dev.arca.attestation.verifier.intel;

import dev.arca.dcap.collateral.CollateralRequest;
import dev.arca.dcap.pck.PckCaType;
import dev.arca.dcap.quote.TeeType;
import java.util.Locale;

/**
 * The collateral one platform needs, as the AS caches it: TEE (TCB Info and QE Identity differ for SGX and TDX),
 * FMSPC, PCK CA (which PCK CRL) and update type. One key, one verified unit: intel-dcap verifies collateral per
 * (TEE, FMSPC, CA type).
 */
record IntelCollateralKey(TeeType tee, String fmspc, PckCaType caType, TcbUpdate update) {

    static IntelCollateralKey of(CollateralRequest request, TcbUpdate update) {
        return new IntelCollateralKey(request.tee(), request.fmspc(), request.caType(), update);
    }

    CollateralRequest request() {
        return new CollateralRequest(tee, fmspc, caType);
    }

    /** E.g. {@code tdx-B0C06F000000-platform-early}: the database key and the offline file name. */
    String text() {
        return tee.name().toLowerCase(Locale.ROOT) + "-" + fmspc + "-" + caType.queryValue() + "-"
                + update.wireName();
    }
}
