package dev.arca.dcap.collateral;

import dev.arca.dcap.DcapVerificationException;
import dev.arca.dcap.DcapVerificationException.Reason;
import dev.arca.model.json.Json;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * A signed collateral document as served: the exact bytes of the {@code tcbInfo} or {@code enclaveIdentity} value,
 * the ECDSA P-256 signature (raw r‖s) over those bytes, and the issuer chain (TCB signing certificate, Root CA).
 * The bytes are never re-serialised: re-encoding JSON breaks the signature (Intel PCS API v4).
 */
public record SignedJson(byte[] signedBytes, byte[] signature, List<X509Certificate> issuerChain) {

    public static final String TCB_INFO = "tcbInfo";
    public static final String ENCLAVE_IDENTITY = "enclaveIdentity";

    public SignedJson {
        issuerChain = List.copyOf(issuerChain);
    }

    /**
     * From a PCS/PCCS response body {@code {"tcbInfo": {...}, "signature": "<hex>"}} (or {@code enclaveIdentity}):
     * the member's value is cut out of the body at its byte offsets.
     */
    public static SignedJson fromResponse(byte[] body, String member, List<X509Certificate> issuerChain)
            throws DcapVerificationException {
        byte[] signed = null;
        String signatureHex = null;
        try (JsonParser parser = Json.MAPPER.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw invalid(member + " response is not a JSON object");
            }
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (member.equals(name) && value == JsonToken.START_OBJECT) {
                    int start = (int) parser.currentTokenLocation().getByteOffset();
                    parser.skipChildren();
                    int end = (int) parser.currentLocation().getByteOffset();
                    signed = slice(body, start, end, member);
                } else if ("signature".equals(name) && value == JsonToken.VALUE_STRING) {
                    signatureHex = parser.getString();
                } else {
                    parser.skipChildren();
                }
            }
        } catch (JacksonException e) {
            throw new DcapVerificationException(Reason.COLLATERAL_INVALID, member + " response is not JSON", e);
        }
        if (signed == null || signatureHex == null) {
            throw invalid(member + " response lacks '" + member + "' or 'signature'");
        }
        return new SignedJson(signed, signatureBytes(signatureHex), issuerChain);
    }

    /** From a raw signed text and its hex signature, as dcap-qvl collateral files hold them. */
    public static SignedJson of(byte[] signedBytes, String signatureHex, List<X509Certificate> issuerChain)
            throws DcapVerificationException {
        return new SignedJson(signedBytes.clone(), signatureBytes(signatureHex), issuerChain);
    }

    private static byte[] slice(byte[] body, int start, int end, String member) throws DcapVerificationException {
        if (start < 0 || end > body.length || end - start < 2 || body[start] != '{' || body[end - 1] != '}') {
            throw invalid("cannot locate the raw '" + member + "' value");
        }
        return java.util.Arrays.copyOfRange(body, start, end);
    }

    private static byte[] signatureBytes(String hex) throws DcapVerificationException {
        try {
            byte[] signature = HexFormat.of().parseHex(hex.toLowerCase(Locale.ROOT));
            if (signature.length != 64) {
                throw invalid("collateral signature has " + signature.length + " bytes, expected 64 (r‖s)");
            }
            return signature;
        } catch (IllegalArgumentException e) {
            throw invalid("collateral signature is not hex");
        }
    }

    private static DcapVerificationException invalid(String message) {
        return new DcapVerificationException(Reason.COLLATERAL_INVALID, message);
    }
}
