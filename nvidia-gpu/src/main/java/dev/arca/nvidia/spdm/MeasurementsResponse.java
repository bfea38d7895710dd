package dev.arca.nvidia.spdm;

import dev.arca.nvidia.NvidiaVerificationException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The SPDM 1.1 MEASUREMENTS response (DSP0274 1.1 §10.11, table "Successful MEASUREMENTS response message"):
 * version, code 0x60, Param1, Param2 (slot), NumberOfBlocks, MeasurementRecordLength (u24), the measurement record,
 * the responder's nonce, OpaqueLength (u16), the opaque data and the signature.
 */
public record MeasurementsResponse(int spdmVersion, int param1, int param2, List<MeasurementBlock> blocks,
        byte[] responderNonce, OpaqueData opaqueData) {

    static final int CODE = 0x60;

    public MeasurementsResponse {
        blocks = List.copyOf(blocks);
        responderNonce = responderNonce.clone();
    }

    @Override
    public byte[] responderNonce() {
        return responderNonce.clone();
    }

    /** Reads everything up to the signature; the reader is left at the signature's first byte. */
    static MeasurementsResponse read(SpdmReader in) throws NvidiaVerificationException {
        int version = in.u8("response SPDMVersion");
        SpdmReport.requireVersion(version, "response");
        int code = in.u8("response RequestResponseCode");
        if (code != CODE) {
            throw NvidiaVerificationException.format(String.format(
                    "the request is not followed by a MEASUREMENTS response (code 0x%02x, expected 0x%02x)", code,
                    CODE));
        }
        int param1 = in.u8("response Param1");
        int param2 = in.u8("response Param2");
        int count = in.u8("response NumberOfBlocks");
        int recordLength = in.u24("response MeasurementRecordLength");
        byte[] record = in.take(recordLength, "measurement record");
        SpdmReader blocksIn = new SpdmReader(record, 0, record.length);
        List<MeasurementBlock> blocks = new ArrayList<>(count);
        Set<Integer> indices = new HashSet<>();
        for (int i = 0; i < count; i++) {
            MeasurementBlock block = MeasurementBlock.read(blocksIn);
            if (!indices.add(block.index())) {
                throw NvidiaVerificationException.format("measurement index " + block.index() + " appears twice");
            }
            blocks.add(block);
        }
        if (blocksIn.remaining() != 0) {
            throw NvidiaVerificationException.format("the measurement record has " + blocksIn.remaining()
                    + " bytes after its " + count + " blocks");
        }
        byte[] nonce = in.take(SpdmReport.NONCE_SIZE, "response nonce");
        int opaqueLength = in.u16("response OpaqueLength");
        OpaqueData opaque = OpaqueData.decode(in.take(opaqueLength, "opaque data"));
        return new MeasurementsResponse(version, param1, param2, blocks, nonce, opaque);
    }
}
