package dev.arca.agent.measurement;

import dev.arca.agent.attester.Attester;
import dev.arca.agent.attester.MeasurementRegister;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Upstream's {@code ExtendRuntimeMeasurement} (guest-components attestation-agent.proto; Trustee
 * confidential-containers-eventlog.md): records an event in the AA event log and extends the TEE's register. The answer
 * is {@code NOT_ENABLED} when the event log is switched off (checked first) and {@code NOT_SUPPORTED} when the TEE has
 * no register the agent can extend — where upstream's agent panics at start, this one keeps serving and says so.
 */
public final class RuntimeMeasurement {

    /** Upstream's {@code RuntimeMeasurementResult}. */
    public enum Result {
        OK, NOT_SUPPORTED, NOT_ENABLED
    }

    /** Upstream's default register: PCR 17, which TDX maps to RTMR3. */
    public static final int DEFAULT_INIT_PCR = 17;

    private final boolean enabled;
    private final int initPcr;
    private final AaEventLog log;
    private final String unavailable;

    private RuntimeMeasurement(boolean enabled, int initPcr, AaEventLog log, String unavailable) {
        this.enabled = enabled;
        this.initPcr = initPcr;
        this.log = log;
        this.unavailable = unavailable;
    }

    /**
     * Sets up the measurement service of {@code attester}. With the event log enabled and a register available, an
     * interrupted extension from a previous run is finished first; if that fails the service reports the failure on
     * every request instead of extending a register whose log is inconsistent.
     */
    public static RuntimeMeasurement open(Attester attester, boolean enabled, int initPcr, Path logFile) {
        Optional<MeasurementRegister> register = attester.measurementRegister();
        if (!enabled || register.isEmpty()) {
            return new RuntimeMeasurement(enabled, initPcr, null, null);
        }
        AaEventLog log = new AaEventLog(logFile, register.get());
        try {
            log.recover();
            return new RuntimeMeasurement(true, initPcr, log, null);
        } catch (MeasurementException e) {
            return new RuntimeMeasurement(true, initPcr, log, e.getMessage());
        }
    }

    public boolean enabled() {
        return enabled;
    }

    public int initPcr() {
        return initPcr;
    }

    /** The log, when events can be recorded. */
    public Optional<Path> logFile() {
        return Optional.ofNullable(log).map(AaEventLog::path);
    }

    /**
     * Records one event in register {@code pcr} (the configured init PCR when empty).
     *
     * @throws MeasurementException when the event text is invalid ({@link MeasurementException#badRequest()}) or the
     *                              register or the log failed
     */
    public Result extend(String domain, String operation, String content, Optional<Integer> pcr)
            throws MeasurementException {
        if (!enabled) {
            return Result.NOT_ENABLED;
        }
        if (log == null) {
            return Result.NOT_SUPPORTED;
        }
        AaelEvent event;
        try {
            event = new AaelEvent(domain, operation, content);
        } catch (IllegalArgumentException e) {
            throw new MeasurementException(e.getMessage(), true, e);
        }
        int register = pcr.orElse(initPcr);
        if (register < 0 || register > 23) {
            throw new MeasurementException("register index " + register + " is outside 0..23", true, null);
        }
        if (unavailable != null) {
            throw new MeasurementException(unavailable, false, null);
        }
        log.append(event, register);
        return Result.OK;
    }
}
