package dev.arca.agent.attester.azure;

import dev.arca.agent.attester.AttesterException;
import dev.arca.agent.attester.InvalidReportDataException;
import dev.arca.agent.attester.tpm.Tpm;
import dev.arca.agent.attester.tpm.Tpm2;
import dev.arca.agent.attester.tpm.TpmDevice;
import dev.arca.agent.attester.tpm.TpmException;
import dev.arca.agent.platform.Platform;
import dev.arca.model.json.Hex;
import dev.arca.model.json.Json;
import dev.arca.model.json.ReportData;
import dev.arca.tpm.TpmVerificationException;
import dev.arca.tpm.azure.HclReport;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The vTPM of an Azure confidential VM (guest-components Azure vTPM attesters), shared by the SNP and TDX flavours.
 * Writing 64 bytes of user data to NV index 0x01400002 makes the paravisor issue a fresh HCL report, readable at NV
 * index 0x01400001, whose hardware report binds SHA-256 of a JSON that carries those bytes; the HCL attestation key at
 * persistent handle 0x81000003 quotes all 24 SHA-256 PCRs. NV access is authorized as the owner with the empty
 * password, as Microsoft's tooling does.
 */
final class AzureVtpm {

    static final int HCL_REPORT_INDEX = 0x0140_0001;
    static final int USER_DATA_INDEX = 0x0140_0002;
    static final int AK_HANDLE = 0x8100_0003;
    static final int USER_DATA_BYTES = 64;
    static final int USER_DATA_ATTRIBUTES = Tpm2.NV_OWNERWRITE | Tpm2.NV_OWNERREAD | Tpm2.NV_AUTHWRITE
            | Tpm2.NV_AUTHREAD;

    private final Tpm tpm;

    AzureVtpm(Tpm tpm) {
        this.tpm = tpm;
    }

    /** The vTPM device: the kernel resource manager when present, else the raw device. */
    static Optional<Path> device(Platform platform) {
        return Stream.of("tpmrm0", "tpm0").map(platform.paths()::device).filter(platform.files()::exists)
                .findFirst();
    }

    static AzureVtpm open(Platform platform) throws AttesterException {
        Path device = device(platform).orElseThrow(() -> new AttesterException("no vTPM device (/dev/tpmrm0)"));
        return new AzureVtpm(new Tpm(new TpmDevice(platform.files(), device)));
    }

    /** The HCL report currently held by the vTPM, or empty when this is not an Azure CVM vTPM. */
    static Optional<HclReport> probe(Platform platform) {
        if (device(platform).isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(HclReport.parse(open(platform).currentReport()));
        } catch (AttesterException | TpmVerificationException notAzure) {
            return Optional.empty();
        }
    }

    Tpm tpm() {
        return tpm;
    }

    byte[] currentReport() throws TpmException {
        int size = tpm.nvReadPublic(HCL_REPORT_INDEX).dataSize();
        return tpm.nvRead(Tpm2.RH_OWNER, HCL_REPORT_INDEX, size);
    }

    /** A fresh HCL report whose user data is {@code reportData} zero-padded to 64 bytes. */
    HclReport freshReport(byte[] reportData) throws AttesterException {
        InvalidReportDataException.requireAtMost("Azure vTPM", reportData, USER_DATA_BYTES);
        ensureUserDataIndex();
        tpm.nvWrite(Tpm2.RH_OWNER, USER_DATA_INDEX, ReportData.regularize(reportData, USER_DATA_BYTES));
        try {
            return HclReport.parse(currentReport());
        } catch (TpmVerificationException e) {
            throw new AttesterException("vTPM NV index 0x01400001 does not hold an HCL report: " + e.getMessage(), e);
        }
    }

    /** The user-data index must exist with exactly 64 bytes (as Microsoft's tooling defines it). */
    private void ensureUserDataIndex() throws TpmException {
        try {
            if (tpm.nvReadPublic(USER_DATA_INDEX).dataSize() == USER_DATA_BYTES) {
                return;
            }
            tpm.nvUndefineSpace(Tpm2.RH_OWNER, USER_DATA_INDEX);
        } catch (TpmException e) {
            if (!e.isHandleError()) {
                throw e;
            }
        }
        tpm.nvDefineSpace(Tpm2.RH_OWNER, USER_DATA_INDEX, USER_DATA_ATTRIBUTES, USER_DATA_BYTES);
    }

    /**
     * {@code {"signature": hex, "message": hex, "pcrs": [hex × 24]}}: the bare RSA signature, the TPMS_ATTEST and
     * the SHA-256 PCR values, with the whole report data as the quote nonce (guest-components Azure vTPM attesters).
     */
    ObjectNode quote(byte[] reportData) throws AttesterException {
        Tpm.Quote quote = tpm.quote(AK_HANDLE, reportData, Tpm.allPcrs(), Tpm.SignScheme.KEY_DEFAULT);
        if (quote.rsaSignature() == null) {
            throw new AttesterException("the vTPM attestation key did not sign with RSA");
        }
        List<byte[]> pcrs = tpm.pcrRead(Tpm2.ALG_SHA256, Tpm.allPcrs());
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("signature", Hex.of(quote.rsaSignature()));
        json.put("message", Hex.of(quote.attest()));
        ArrayNode values = json.putArray("pcrs");
        pcrs.forEach(pcr -> values.add(Hex.of(pcr)));
        return json;
    }
}
