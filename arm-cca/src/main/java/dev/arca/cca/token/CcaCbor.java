package dev.arca.cca.token;

import com.upokecenter.cbor.CBORException;
import com.upokecenter.cbor.CBORObject;
import com.upokecenter.cbor.CBORType;
import dev.arca.cca.CcaVerificationException;
import dev.arca.cca.CcaVerificationException.Reason;
import java.util.ArrayList;
import java.util.List;

/** Typed reads of CBOR items of the token: every shape error becomes a {@link Reason#FORMAT} refusal. */
final class CcaCbor {

    private CcaCbor() {
    }

    /** Decodes exactly one CBOR item: trailing bytes are refused (the library rejects them). */
    static CBORObject decode(byte[] bytes, String what) throws CcaVerificationException {
        try {
            return CBORObject.DecodeFromBytes(bytes);
        } catch (CBORException | IllegalArgumentException | ArithmeticException e) {
            throw format(what + " is not one well-formed CBOR item");
        }
    }

    static CBORObject claim(CBORObject map, int key, String what) throws CcaVerificationException {
        CBORObject value = map.get(CBORObject.FromObject(key));
        if (value == null) {
            throw format(what + " (claim " + key + ") is missing");
        }
        return value;
    }

    static byte[] bytes(CBORObject value, String what) throws CcaVerificationException {
        if (value == null || value.getType() != CBORType.ByteString || value.isTagged()) {
            throw format(what + " is not a byte string");
        }
        return value.GetByteString();
    }

    static byte[] bytesClaim(CBORObject map, int key, String what) throws CcaVerificationException {
        return bytes(claim(map, key, what), what);
    }

    static String text(CBORObject value, String what) throws CcaVerificationException {
        if (value == null || value.getType() != CBORType.TextString) {
            throw format(what + " is not a text string");
        }
        return value.AsString();
    }

    static String textClaim(CBORObject map, int key, String what) throws CcaVerificationException {
        return text(claim(map, key, what), what);
    }

    static List<byte[]> bytesArray(CBORObject value, String what) throws CcaVerificationException {
        if (value.getType() != CBORType.Array) {
            throw format(what + " is not an array");
        }
        List<byte[]> items = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            items.add(bytes(value.get(i), what + "[" + i + "]"));
        }
        return items;
    }

    static CBORObject map(CBORObject value, String what) throws CcaVerificationException {
        if (value.getType() != CBORType.Map) {
            throw format(what + " is not a map");
        }
        return value;
    }

    static CcaVerificationException format(String message) {
        return new CcaVerificationException(Reason.FORMAT, message);
    }
}
