package dev.arca.agent.attester.tpm;

import dev.arca.agent.attester.Attester;
import dev.arca.agent.attester.AttesterException;
import dev.arca.agent.attester.InitDataBinding;
import dev.arca.agent.attester.InvalidReportDataException;
import dev.arca.agent.attester.MeasurementRegister;
import dev.arca.agent.platform.Platform;
import dev.arca.model.json.Base64s;
import dev.arca.model.json.Hex;
import dev.arca.model.json.Json;
import dev.arca.model.tee.Tee;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A plain TPM 2.0 (guest-components TPM attester; no TEE isolation, so verifiers treat it as weak): an RSA attestation
 * key provisioned at a persistent handle quotes all 24 SHA-256 PCRs with the whole report data as the nonce (the
 * AS compares the whole extraData with the expected report data, docs/verifiers/azure-tpm.md "Nonce"; upstream's
 * attester cuts or pads it to 32 bytes, which agrees when the report data is 32 bytes). At most 64 bytes: a TPM's
 * nonce is no longer than its largest digest. Evidence: {@code {"tpm_quote": {"signature": b64(TPMT_SIGNATURE), "message": b64(TPMS_ATTEST),
 * "pcrs": [hex × 24]}, "ak_public": b64(SubjectPublicKeyInfo DER)}}.
 */
public final class TpmAttester implements Attester {

    public static final String DEVICE_ENV = "AA_TPM_DEVICE";
    public static final String AK_HANDLE_ENV = "AA_TPM_AK_HANDLE";
    static final int DEFAULT_AK_HANDLE = 0x8101_0002;
    static final int MAX_NONCE_BYTES = 64;

    private final Tpm tpm;
    private final int akHandle;

    public TpmAttester(Platform platform) throws AttesterException {
        Path device = device(platform)
                .orElseThrow(() -> new AttesterException("no TPM device (" + DEVICE_ENV + ", /dev/tpm0..2)"));
        this.tpm = new Tpm(new TpmDevice(platform.files(), device));
        this.akHandle = akHandle(platform.env(AK_HANDLE_ENV));
    }

    /** {@code AA_TPM_DEVICE} when set (it must exist), else the first of /dev/tpm0, /dev/tpm1, /dev/tpm2. */
    public static Optional<Path> device(Platform platform) {
        String configured = platform.env(DEVICE_ENV);
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured);
            return platform.files().exists(path) ? Optional.of(path) : Optional.empty();
        }
        return Stream.of("tpm0", "tpm1", "tpm2").map(platform.paths()::device)
                .filter(platform.files()::exists).findFirst();
    }

    public static boolean detect(Platform platform) {
        return device(platform).isPresent();
    }

    static int akHandle(String configured) throws AttesterException {
        if (configured == null || configured.isBlank()) {
            return DEFAULT_AK_HANDLE;
        }
        String hex = configured.strip().toLowerCase(Locale.ROOT);
        hex = hex.startsWith("0x") ? hex.substring(2) : hex;
        try {
            return Integer.parseUnsignedInt(hex, 16);
        } catch (NumberFormatException e) {
            throw new AttesterException(AK_HANDLE_ENV + " '" + configured + "' is not a hex TPM handle");
        }
    }

    @Override
    public Tee tee() {
        return Tee.TPM;
    }

    @Override
    public JsonNode evidence(byte[] reportData) throws AttesterException {
        InvalidReportDataException.requireAtMost("TPM", reportData, MAX_NONCE_BYTES);
        byte[] nonce = reportData.clone();
        Tpm.Quote quote = tpm.quote(akHandle, nonce, Tpm.allPcrs(), Tpm.SignScheme.RSASSA_SHA256);
        List<byte[]> pcrs = tpm.pcrRead(Tpm2.ALG_SHA256, Tpm.allPcrs());
        ObjectNode evidence = Json.MAPPER.createObjectNode();
        ObjectNode tpmQuote = evidence.putObject("tpm_quote");
        tpmQuote.put("signature", Base64s.std(quote.signatureStructure()));
        tpmQuote.put("message", Base64s.std(quote.attest()));
        ArrayNode values = tpmQuote.putArray("pcrs");
        pcrs.forEach(pcr -> values.add(Hex.of(pcr)));
        evidence.put("ak_public", Base64s.std(tpm.readRsaPublic(akHandle).getEncoded()));
        return evidence;
    }

    @Override
    public InitDataBinding bindInitData(byte[] digest) throws AttesterException {
        TpmPcrRegister.extendInitData(tpm, digest);
        return InitDataBinding.extended("init-data digest extended into TPM PCR 8 (SHA-256 bank)");
    }

    @Override
    public Optional<MeasurementRegister> measurementRegister() {
        return Optional.of(new TpmPcrRegister(tpm, "TPM PCR (SHA-256 bank)"));
    }
}
