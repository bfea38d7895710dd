package dev.arca.kbs.jwe;

import dev.arca.model.json.Json;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JWE protected header, byte for byte as upstream guests re-serialise it to compute the AAD (the JWE decryption of
 * guest-components' kbs_protocol): compact, {@code alg} first, {@code enc} second, then the other members in ascending
 * key order, and the members of {@code epk} in ascending order ({@code crv}, {@code kty}, {@code x}, {@code y}). Any
 * other layout makes GCM authentication fail on the guest. Jackson's object nodes keep insertion order, which is what
 * fixes the layout.
 */
final class ProtectedHeader {

    static final String ENC = "A256GCM";

    private ProtectedHeader() {
    }

    /** {"alg":…,"enc":"A256GCM"} for RSA key transport. */
    static String rsa(String alg) {
        return Json.write(base(alg));
    }

    /** {"alg":"ECDH-ES+A256KW","enc":"A256GCM","epk":{"crv":…,"kty":"EC","x":…,"y":…}}. */
    static String ecdh(String alg, String crv, String x, String y) {
        ObjectNode header = base(alg);
        ObjectNode epk = header.putObject("epk");
        epk.put("crv", crv);
        epk.put("kty", "EC");
        epk.put("x", x);
        epk.put("y", y);
        return Json.write(header);
    }

    private static ObjectNode base(String alg) {
        ObjectNode header = Json.MAPPER.createObjectNode();
        header.put("alg", alg);
        header.put("enc", ENC);
        return header;
    }
}
