package dev.arca.agent.attester.tdx;

import dev.arca.agent.attester.AttesterException;
import dev.arca.agent.attester.MeasurementRegister;
import dev.arca.agent.platform.HostFiles;
import dev.arca.model.json.HashAlgorithm;
import java.io.IOException;
import java.nio.file.Path;

/**
 * TDX runtime measurement registers through the Linux ≥ 6.16 sysfs interface (guest-components TDX attester): writing a
 * 48-byte digest to {@code measurements/rtmr<N>:sha384} extends RTMR N, reading it returns the current value.
 * PCR indexes map to CC measurement registers as the UEFI CC measurement protocol does: PCR 1 and 7 → MR 1,
 * 2–6 → MR 2, 8–15 → MR 3, everything else (0, 16–23, the default 17) → MR 4; RTMR index = MR − 1.
 */
public final class TdxRtmrRegister implements MeasurementRegister {

    private static final int RTMR_BYTES = 48;

    private final HostFiles files;
    private final Path measurements;

    public TdxRtmrRegister(HostFiles files, Path measurements) {
        this.files = files;
        this.measurements = measurements;
    }

    @Override
    public HashAlgorithm algorithm() {
        return HashAlgorithm.SHA384;
    }

    @Override
    public String description() {
        return "TDX RTMR";
    }

    @Override
    public int eventLogIndex(int pcr) throws AttesterException {
        if (pcr < 0 || pcr > 23) {
            throw new AttesterException("PCR index " + pcr + " is outside 0..23");
        }
        if (pcr == 1 || pcr == 7) {
            return 1;
        }
        if (pcr >= 2 && pcr <= 6) {
            return 2;
        }
        if (pcr >= 8 && pcr <= 15) {
            return 3;
        }
        return 4;
    }

    /** The RTMR a PCR index lands in. */
    public int rtmr(int pcr) throws AttesterException {
        return eventLogIndex(pcr) - 1;
    }

    @Override
    public byte[] read(int pcr) throws AttesterException {
        Path file = file(pcr);
        try {
            byte[] value = files.read(file, 4096);
            if (value.length != RTMR_BYTES) {
                throw new AttesterException(file + " holds " + value.length + " bytes, expected " + RTMR_BYTES);
            }
            return value;
        } catch (IOException e) {
            throw new AttesterException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void extend(int pcr, byte[] digest) throws AttesterException {
        if (digest.length != RTMR_BYTES) {
            throw new AttesterException("an RTMR is extended with a 48-byte SHA-384 digest, got " + digest.length);
        }
        Path file = file(pcr);
        try {
            files.write(file, digest);
        } catch (IOException e) {
            throw new AttesterException("cannot extend " + file + ": " + e.getMessage(), e);
        }
    }

    private Path file(int pcr) throws AttesterException {
        return measurements.resolve("rtmr" + rtmr(pcr) + ":sha384");
    }
}
