package dev.arca.agent.attester.snp;

import dev.arca.agent.attester.Attester;
import dev.arca.agent.attester.AttesterException;
import dev.arca.agent.attester.InitDataBinding;
import dev.arca.agent.attester.InvalidReportDataException;
import dev.arca.agent.attester.tsm.ConfigfsTsm;
import dev.arca.agent.platform.Platform;
import dev.arca.model.json.Hex;
import dev.arca.model.json.Json;
import dev.arca.model.json.ReportData;
import dev.arca.model.tee.Tee;
import java.util.Arrays;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * AMD SEV-SNP (guest-components SNP attester) through configfs-tsm (provider {@code sev_guest}, VMPL 0): the outblob is
 * the 1184-byte report, the auxblob the host's certificate table. Evidence:
 * {@code {"attestation_report": <sev crate JSON>, "cert_chain": [...] | null}}.
 */
public final class SnpAttester implements Attester {

    static final int REPORT_DATA_BYTES = 64;
    static final int HOST_DATA_OFFSET = 0x0C0;
    static final int HOST_DATA_BYTES = 32;
    /** The report is requested for VMPL 0, as upstream's SNP_GET_EXT_REPORT does. */
    static final int VMPL = 0;

    private final ConfigfsTsm tsm;

    public SnpAttester(Platform platform) {
        this.tsm = new ConfigfsTsm(platform.files(), platform.paths().tsmReport());
    }

    /** An SEV-SNP guest has the sev-guest platform device (guest-components SNP attester). */
    public static boolean detect(Platform platform) {
        return platform.files().exists(platform.paths().sevGuestPlatform());
    }

    @Override
    public Tee tee() {
        return Tee.SNP;
    }

    @Override
    public JsonNode evidence(byte[] reportData) throws AttesterException {
        ConfigfsTsm.Report report = report(reportData);
        ObjectNode evidence = Json.MAPPER.createObjectNode();
        try {
            evidence.set("attestation_report", SnpReportJson.of(report.outblob()));
            evidence.set("cert_chain", SnpCertTable.toJson(report.auxblob()));
        } catch (IllegalArgumentException e) {
            throw new AttesterException("unusable SNP report: " + e.getMessage(), e);
        }
        return evidence;
    }

    private ConfigfsTsm.Report report(byte[] reportData) throws AttesterException {
        InvalidReportDataException.requireAtMost("SNP", reportData, REPORT_DATA_BYTES);
        ConfigfsTsm.Report report = tsm.request(ConfigfsTsm.SEV, ReportData.regularize(reportData, REPORT_DATA_BYTES),
                VMPL);
        if (report.outblob().length < SnpReportJson.REPORT_BYTES) {
            throw new AttesterException("SNP report is " + report.outblob().length + " bytes, expected "
                    + SnpReportJson.REPORT_BYTES);
        }
        return report;
    }

    /** HOST_DATA is set by the host at launch; compare it with the digest cut or padded to 32 bytes. */
    @Override
    public InitDataBinding bindInitData(byte[] digest) throws AttesterException {
        byte[] report = report(new byte[REPORT_DATA_BYTES]).outblob();
        byte[] hostData = Arrays.copyOfRange(report, HOST_DATA_OFFSET, HOST_DATA_OFFSET + HOST_DATA_BYTES);
        byte[] expected = ReportData.regularize(digest, HOST_DATA_BYTES);
        if (Arrays.equals(hostData, expected)) {
            return InitDataBinding.matches("SNP HOST_DATA equals the init-data digest");
        }
        return InitDataBinding.mismatch("SNP HOST_DATA is " + Hex.of(hostData) + " but the init-data digest is "
                + Hex.of(expected) + ": the guest was not launched with this init-data");
    }
}
