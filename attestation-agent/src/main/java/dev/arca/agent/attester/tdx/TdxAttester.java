package dev.arca.agent.attester.tdx;

import dev.arca.agent.attester.Attester;
import dev.arca.agent.attester.AttesterException;
import dev.arca.agent.attester.InitDataBinding;
import dev.arca.agent.attester.InvalidReportDataException;
import dev.arca.agent.attester.MeasurementRegister;
import dev.arca.agent.attester.tsm.ConfigfsTsm;
import dev.arca.agent.platform.Platform;
import dev.arca.model.json.Base64s;
import dev.arca.model.json.Hex;
import dev.arca.model.json.Json;
import dev.arca.model.json.ReportData;
import dev.arca.model.tee.Tee;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Intel TDX (guest-components TDX attester): the TD quote comes from configfs-tsm (the only source upstream still
 * uses), the event log from the ACPI CCEL table plus the agent's AAEL. Evidence:
 * {@code {"cc_eventlog": <b64 | null>, "quote": <b64 TD quote>}}.
 */
public final class TdxAttester implements Attester {

    static final int REPORT_DATA_BYTES = 64;
    static final int MR_CONFIG_ID_BYTES = 48;

    private final Platform platform;
    private final ConfigfsTsm tsm;
    private final Path aael;

    public TdxAttester(Platform platform, Path aael) {
        this.platform = platform;
        this.tsm = new ConfigfsTsm(platform.files(), platform.paths().tsmReport());
        this.aael = aael;
    }

    /** configfs-tsm answers as {@code tdx_guest}, or the TDX guest device exists (guest-components TDX attester). */
    public static boolean detect(Platform platform) {
        ConfigfsTsm tsm = new ConfigfsTsm(platform.files(), platform.paths().tsmReport());
        return tsm.provider().filter(ConfigfsTsm.TDX::equals).isPresent()
                || platform.files().exists(platform.paths().device("tdx_guest"));
    }

    @Override
    public Tee tee() {
        return Tee.TDX;
    }

    @Override
    public JsonNode evidence(byte[] reportData) throws AttesterException {
        byte[] quote = quote(reportData);
        ObjectNode evidence = Json.MAPPER.createObjectNode();
        Optional<String> eventLog;
        try {
            eventLog = CcEventLog.collect(platform.files(), platform.paths().ccelData(), aael);
        } catch (IOException e) {
            throw new AttesterException("cannot read the TDX event log: " + e.getMessage(), e);
        }
        if (eventLog.isPresent()) {
            evidence.put("cc_eventlog", eventLog.get());
        } else {
            evidence.putNull("cc_eventlog");
        }
        evidence.put("quote", Base64s.std(quote));
        return evidence;
    }

    private byte[] quote(byte[] reportData) throws AttesterException {
        InvalidReportDataException.requireAtMost("TDX", reportData, REPORT_DATA_BYTES);
        return tsm.request(ConfigfsTsm.TDX, ReportData.regularize(reportData, REPORT_DATA_BYTES), null).outblob();
    }

    /**
     * MRCONFIGID is set by the host at launch; the agent can only compare it (Trustee initdata.md). It is read from
     * sysfs (Linux ≥ 6.16) or, failing that, from a fresh TD quote (upstream reads a TDREPORT by ioctl, which a JVM
     * cannot issue; the quote carries the same TDINFO field).
     */
    @Override
    public InitDataBinding bindInitData(byte[] digest) throws AttesterException {
        byte[] expected = ReportData.regularize(digest, MR_CONFIG_ID_BYTES);
        byte[] actual = mrConfigId();
        if (Arrays.equals(expected, actual)) {
            return InitDataBinding.matches("TDX MRCONFIGID equals the init-data digest");
        }
        return InitDataBinding.mismatch("TDX MRCONFIGID is " + Hex.of(actual) + " but the init-data digest is "
                + Hex.of(expected) + ": the TD was not launched with this init-data");
    }

    private byte[] mrConfigId() throws AttesterException {
        Path sysfs = platform.paths().tdxMeasurements().resolve("mrconfigid");
        if (platform.files().exists(sysfs)) {
            try {
                byte[] value = platform.files().read(sysfs, 4096);
                if (value.length == MR_CONFIG_ID_BYTES) {
                    return value;
                }
                throw new AttesterException(sysfs + " holds " + value.length + " bytes, expected 48");
            } catch (IOException e) {
                throw new AttesterException("cannot read " + sysfs + ": " + e.getMessage(), e);
            }
        }
        try {
            return TdQuoteBody.parse(quote(new byte[REPORT_DATA_BYTES])).mrConfigId();
        } catch (IllegalArgumentException e) {
            throw new AttesterException("cannot read MRCONFIGID from the TD quote: " + e.getMessage(), e);
        }
    }

    /** RTMRs are extendable when the kernel exposes the sysfs measurement files (guest-components TDX attester). */
    @Override
    public Optional<MeasurementRegister> measurementRegister() {
        Path measurements = platform.paths().tdxMeasurements();
        return platform.files().isDirectory(measurements)
                ? Optional.of(new TdxRtmrRegister(platform.files(), measurements))
                : Optional.empty();
    }
}
