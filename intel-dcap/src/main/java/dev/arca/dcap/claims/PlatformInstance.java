package dev.arca.dcap.claims;

import dev.arca.dcap.pck.SgxExtensions;
import dev.arca.model.json.Hex;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code platform_instance_id} claim. Trustee treats the PCK's PlatformInstanceID as a little-endian GUID and
 * byte-reverses it (go-tdx-guest keeps the raw bytes); Arca follows trustee so that policies written for
 * upstream match. The raw certificate bytes stay available in {@link SgxExtensions#platformInstanceId()}.
 */
final class PlatformInstance {

    private PlatformInstance() {
    }

    static void put(ObjectNode claims, SgxExtensions pck) {
        pck.platformInstanceIdBytes().ifPresent(raw -> {
            byte[] reversed = new byte[raw.length];
            for (int i = 0; i < raw.length; i++) {
                reversed[i] = raw[raw.length - 1 - i];
            }
            claims.put("platform_instance_id", Hex.of(reversed));
        });
    }
}
