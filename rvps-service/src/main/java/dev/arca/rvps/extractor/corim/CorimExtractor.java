package dev.arca.rvps.extractor.corim;

import com.upokecenter.cbor.CBORException;
import com.upokecenter.cbor.CBORObject;
import com.upokecenter.cbor.CBORType;
import com.upokecenter.numbers.EInteger;
import dev.arca.model.rvps.ReferenceValue;
import dev.arca.model.rvps.RvpsMessage;
import dev.arca.rvps.InvalidRequestException;
import dev.arca.rvps.extractor.Expirations;
import dev.arca.rvps.extractor.Extraction;
import dev.arca.rvps.extractor.Extractor;
import dev.arca.rvps.extractor.StandardBase64;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The {@code corim} extractor (Trustee rvps/README.md): the payload is the standard base64 of a CBOR CoRIM
 * (draft-ietf-rats-corim). The outer tags 500 (corim) and 502 (signed-corim) are removed, 501 (unsigned corim-map)
 * unwrapped; of a COSE_Sign1 (tag 18) the payload is read. The COSE signature is NOT verified, as upstream; the
 * registering admin vouches for the document. Every CoMID of {@code tags} — tagged 506, or an untagged byte string
 * that decodes as a CoMID — contributes its reference triples ({@link ComidReferenceTriples}).
 */
@Component
public class CorimExtractor implements Extractor {

    public static final String TYPE = "corim";

    private static final Logger log = LoggerFactory.getLogger(CorimExtractor.class);

    /** CBOR tags of draft-ietf-rats-corim (cbor-tags.txt). */
    static final int TAG_CORIM = 500;
    static final int TAG_UNSIGNED_CORIM_MAP = 501;
    static final int TAG_SIGNED_CORIM = 502;
    static final int TAG_COSWID = 505;
    static final int TAG_COMID = 506;
    /** RFC 9052: COSE_Sign1. */
    static final int TAG_COSE_SIGN1 = 18;

    /** corim-map member: the tags list. */
    private static final int CORIM_TAGS = 1;
    /** COSE_Sign1 = [protected, unprotected, payload, signature]. */
    private static final int COSE_PAYLOAD = 2;

    private final Clock clock;

    public CorimExtractor(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Extraction extract(String payload) {
        CBORObject corimMap = corimMap(decode(StandardBase64.decode("corim payload", payload), "corim payload"));
        CBORObject tags = corimMap.get(CBORObject.FromObject(CORIM_TAGS));
        if (tags == null || tags.getType() != CBORType.Array) {
            throw new InvalidRequestException("corim payload: the corim-map lacks its tags array (key 1)");
        }
        Instant expiration = Expirations.twelveMonthsAfter(clock.instant());
        List<ReferenceValue> values = new ArrayList<>();
        for (int i = 0; i < tags.size(); i++) {
            CBORObject comid = comid(tags.get(i), i);
            if (comid != null) {
                for (ComidReferenceTriples.Value value : ComidReferenceTriples.values(comid, "tags[" + i + "]")) {
                    values.add(new ReferenceValue(RvpsMessage.VERSION, value.name(), expiration, value.value()));
                }
            }
        }
        return Extraction.unsigned(values);
    }

    /** Unwraps the envelope down to the corim-map. */
    private static CBORObject corimMap(CBORObject item) {
        CBORObject current = item;
        while (current.isTagged()) {
            // a CBOR tag number may go up to 2^64-1: anything beyond int is no tag this switch knows
            EInteger tagNumber = current.getMostOuterTag();
            int tag = tagNumber.CanFitInInt32() ? tagNumber.ToInt32Checked() : -1;
            switch (tag) {
                case TAG_CORIM, TAG_SIGNED_CORIM, TAG_UNSIGNED_CORIM_MAP -> current = current.UntagOne();
                case TAG_COSE_SIGN1 -> current = coseSign1Payload(current.UntagOne());
                default -> throw new InvalidRequestException("corim payload starts with the CBOR tag " + tagNumber
                        + "; expected a CoRIM (tags 500, 501, 502, or a COSE_Sign1)");
            }
        }
        if (current.getType() == CBORType.Array) {
            current = coseSign1Payload(current);
            while (current.isTagged() && current.HasMostOuterTag(TAG_UNSIGNED_CORIM_MAP)) {
                current = current.UntagOne();
            }
        }
        if (current.getType() != CBORType.Map || current.isTagged()) {
            throw new InvalidRequestException("corim payload is not a CoRIM: expected a corim-map");
        }
        return current;
    }

    /** The payload of a signed CoRIM, whose signature is not verified (as upstream). */
    private static CBORObject coseSign1Payload(CBORObject sign1) {
        if (sign1.getType() != CBORType.Array || sign1.size() != 4
                || sign1.get(COSE_PAYLOAD).getType() != CBORType.ByteString) {
            throw new InvalidRequestException("corim payload: a signed CoRIM must be a COSE_Sign1"
                    + " [protected, unprotected, payload, signature] with an attached payload");
        }
        return decode(sign1.get(COSE_PAYLOAD).GetByteString(), "corim payload: the COSE_Sign1 payload");
    }

    /** The CoMID map of one entry of {@code tags}, or null for other tag kinds (CoSWID, CoTL, …). */
    private static CBORObject comid(CBORObject entry, int index) {
        if (entry.HasMostOuterTag(TAG_COMID)) {
            CBORObject bytes = entry.UntagOne();
            if (bytes.getType() != CBORType.ByteString) {
                throw new InvalidRequestException("corim payload: tags[" + index + "] (tag 506) must wrap a byte"
                        + " string holding a CoMID");
            }
            CBORObject comid = decode(bytes.GetByteString(), "corim payload: the CoMID of tags[" + index + "]");
            if (comid.getType() != CBORType.Map) {
                throw new InvalidRequestException("corim payload: the CoMID of tags[" + index + "] is not a map");
            }
            return comid;
        }
        if (!entry.isTagged() && entry.getType() == CBORType.ByteString) {
            // upstream also reads CoMIDs carried as a plain byte string, and skips such entries that are not one
            try {
                CBORObject comid = CBORObject.DecodeFromBytes(entry.GetByteString());
                if (comid.getType() == CBORType.Map) {
                    return comid;
                }
            } catch (CBORException notACborItem) {
                // fall through: not a CoMID
            }
            log.debug("corim tags[{}]: a byte string that is not a CoMID, skipped", index);
            return null;
        }
        log.debug("corim tags[{}]: not a CoMID (tag {}), skipped", index,
                entry.isTagged() ? entry.getMostOuterTag() : "none");
        return null;
    }

    static CBORObject decode(byte[] cbor, String what) {
        try {
            return CBORObject.DecodeFromBytes(cbor);
        } catch (CBORException e) {
            throw new InvalidRequestException(what + " is not one well-formed CBOR item: " + e.getMessage());
        }
    }
}
