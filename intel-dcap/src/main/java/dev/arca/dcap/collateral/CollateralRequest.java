package dev.arca.dcap.collateral;

import dev.arca.dcap.pck.PckCaType;
import dev.arca.dcap.quote.TeeType;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What collateral a quote needs: the TEE (TCB Info and QE Identity come from {@code /sgx} or {@code /tdx}), the
 * platform's FMSPC (upper-case hex, as PCS takes it) and the PCK CA type (which PCK CRL).
 */
public record CollateralRequest(TeeType tee, String fmspc, PckCaType caType) {

    private static final Pattern FMSPC = Pattern.compile("[0-9A-F]{12}");

    public CollateralRequest {
        Objects.requireNonNull(tee, "tee");
        Objects.requireNonNull(caType, "caType");
        fmspc = fmspc.toUpperCase(Locale.ROOT);
        if (!FMSPC.matcher(fmspc).matches()) {
            throw new IllegalArgumentException("an FMSPC is 6 bytes of hex");
        }
    }

    public static CollateralRequest of(TeeType tee, byte[] fmspc, PckCaType caType) {
        return new CollateralRequest(tee, HexFormat.of().formatHex(fmspc), caType);
    }
}
