package dev.arca.attestation.verifier.azure;

import dev.arca.model.json.Hex;
import dev.arca.tpm.azure.AzureVtpmQuote;
import dev.arca.tpm.eventlog.TcgAlgorithm;
import dev.arca.tpm.quote.InitDataPcr;
import java.util.Locale;
import java.util.SortedMap;
import tools.jackson.databind.node.ObjectNode;

/**
 * What both Azure vTPM verifiers add to the hardware claims (Trustee az_snp_vtpm {@code extend_claim}): {@code tpm}
 * with {@code pcr00}…{@code pcr23} (hex), {@code init_data} (PCR8, hex) and {@code report_data} (the TPM quote's
 * nonce, hex), the last two replacing the hardware report's fields of the same names.
 */
final class VtpmClaims {

    private VtpmClaims() {
    }

    static ObjectNode extend(ObjectNode claims, AzureVtpmQuote quote) {
        SortedMap<Integer, byte[]> pcrs = quote.pcrs().bank(TcgAlgorithm.SHA256);
        ObjectNode tpm = claims.putObject("tpm");
        pcrs.forEach((index, value) -> tpm.put(String.format(Locale.ROOT, "pcr%02d", index), Hex.of(value)));
        if (pcrs.containsKey(InitDataPcr.INDEX)) {
            claims.put("init_data", Hex.of(pcrs.get(InitDataPcr.INDEX)));
        }
        claims.put("report_data", Hex.of(quote.attest().extraData()));
        return claims;
    }
}
