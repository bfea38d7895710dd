package dev.arca.attestation.verifier.tpm;

import dev.arca.model.json.Hex;
import dev.arca.tpm.VerifiedTpmQuote;
import dev.arca.tpm.eventlog.TcgAlgorithm;
import dev.arca.tpm.quote.InitDataPcr;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code tpm} claims (Trustee tpm verifier): {@code pcr00}…{@code pcr23} (hex, SHA-256 bank), {@code init_data}
 * (PCR8), {@code report_data} (the quote's nonce, hex) and {@code ak_public} (base64, as the evidence sent it); Arca
 * adds {@code ak_trust} ({@code certificate}, {@code listed}, {@code none}), {@code ak_digest} (SHA-256 of the AK's
 * SubjectPublicKeyInfo, hex), {@code pcr_banks} (every attested bank: {@code {"sha1": {"pcr00": …}}}),
 * {@code firmware_version} and, when an event log came, {@code uefi_event_logs} as the tdx verifier names them.
 */
final class TpmClaims {

    private TpmClaims() {
    }

    static ObjectNode build(VerifiedTpmQuote quote, byte[] akPublic) {
        ObjectNode claims = JsonNodeFactory.instance.objectNode();
        SortedMap<Integer, byte[]> sha256 = quote.pcrs().bank(TcgAlgorithm.SHA256);
        sha256.forEach((index, value) -> claims.put(name(index), Hex.of(value)));
        if (sha256.containsKey(InitDataPcr.INDEX)) {
            claims.put("init_data", Hex.of(sha256.get(InitDataPcr.INDEX)));
        }
        claims.put("report_data", Hex.of(quote.attest().extraData()));
        claims.put("ak_public", Base64.getEncoder().encodeToString(akPublic));
        claims.put("ak_trust", quote.akTrust().claim());
        claims.put("ak_digest", quote.akDigest());
        claims.put("firmware_version", String.format(Locale.ROOT, "%016x", quote.attest().firmwareVersion()));
        ObjectNode banks = claims.putObject("pcr_banks");
        for (Map.Entry<TcgAlgorithm, SortedMap<Integer, byte[]>> bank : quote.pcrs().banks().entrySet()) {
            ObjectNode values = banks.putObject(bank.getKey().name().toLowerCase(Locale.ROOT));
            bank.getValue().forEach((index, value) -> values.put(name(index), Hex.of(value)));
        }
        quote.eventLog().ifPresent(log -> claims.set("uefi_event_logs", log.toClaims()));
        return claims;
    }

    static String name(int index) {
        return String.format(Locale.ROOT, "pcr%02d", index);
    }
}
