package dev.arca.nvidia.spdm;

import dev.arca.nvidia.NvidiaVerificationException;

/**
 * One measurement block of the MEASUREMENTS response (DSP0274 1.1 §10.11.1, "Measurement block format") in the DMTF
 * measurement specification (bit 0 of MeasurementSpecification): index, DMTFSpecMeasurementValueType and the value.
 */
public record MeasurementBlock(int index, int valueType, byte[] value) {

    /** MeasurementSpecification bit 0: the block is a DMTF measurement; the only layout Hopper (and upstream) use. */
    static final int DMTF_SPECIFICATION = 0x01;

    public MeasurementBlock {
        value = value.clone();
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    static MeasurementBlock read(SpdmReader in) throws NvidiaVerificationException {
        int index = in.u8("measurement block index");
        int specification = in.u8("measurement block " + index + " MeasurementSpecification");
        if (specification != DMTF_SPECIFICATION) {
            throw NvidiaVerificationException.format(String.format(
                    "measurement block %d is not in the DMTF measurement layout (specification 0x%02x)", index,
                    specification));
        }
        int size = in.u16("measurement block " + index + " MeasurementSize");
        byte[] measurement = in.take(size, "measurement block " + index);
        SpdmReader dmtf = new SpdmReader(measurement, 0, measurement.length);
        int type = dmtf.u8("measurement block " + index + " DMTFSpecMeasurementValueType");
        int valueSize = dmtf.u16("measurement block " + index + " DMTFSpecMeasurementValueSize");
        byte[] value = dmtf.take(valueSize, "measurement block " + index + " value");
        if (dmtf.remaining() != 0) {
            throw NvidiaVerificationException.format("measurement block " + index + " has " + dmtf.remaining()
                    + " bytes after its DMTF measurement value");
        }
        return new MeasurementBlock(index, type, value);
    }
}
