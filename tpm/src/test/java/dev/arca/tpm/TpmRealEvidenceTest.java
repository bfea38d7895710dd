package dev.arca.tpm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.model.json.Hex;
import dev.arca.model.json.Json;
import dev.arca.model.testing.Corpus;
import dev.arca.model.testing.RealEvidence;
import dev.arca.tpm.TpmVerificationException.Reason;
import dev.arca.tpm.ak.AkTrust;
import dev.arca.tpm.eventlog.TcgAlgorithm;
import dev.arca.tpm.eventlog.TcgEventLog;
import dev.arca.tpm.eventlog.TcgEventLogParser;
import dev.arca.tpm.quote.PcrValues;
import dev.arca.tpm.quote.TpmsAttest;
import dev.arca.tpm.quote.TpmtPublic;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The TPM 2.0 quotes of the real-evidence corpus (MANIFEST §9) and their upstream negatives. */
@RealEvidence
class TpmRealEvidenceTest {

    private static final Instant AT = Instant.parse("2026-11-26T00:00:00Z");
    private static final String TRUSTEE_NONCE = "a04182b506878d4f29b91ee606a71a0d3361ccf1b22db20c98adcaa537bea393"
            + "ef0e41a18b3569ab678f1497fbc5c12000000000000000000000000000000000";

    private static TpmEvidence trustee(JsonNode json) {
        JsonNode quote = json.get("tpm_quote");
        List<byte[]> pcrs = new ArrayList<>();
        quote.get("pcrs").forEach(p -> pcrs.add(Hex.parse(p.stringValue())));
        return new TpmEvidence(Base64.getDecoder().decode(json.get("ak_public").stringValue()), List.of(),
                Base64.getDecoder().decode(quote.get("message").stringValue()),
                Base64.getDecoder().decode(quote.get("signature").stringValue()),
                PcrValues.ofBank(TcgAlgorithm.SHA256, pcrs), Optional.empty());
    }

    private static JsonNode trusteeJson() {
        return Json.tree(Corpus.text("tpm/trustee_tpm_evidence.json"));
    }

    private static TpmQuoteVerifier listing(TpmEvidence evidence) throws TpmVerificationException {
        return new TpmQuoteVerifier(new AkTrust(List.of(), Set.of(AkTrust.digest(
                TpmQuoteVerifier.akPublic(evidence.akPublic()))), false));
    }

    @Test
    void trusteesQuoteVerifiesWithItsListedAk() throws Exception {
        TpmEvidence evidence = trustee(trusteeJson());
        VerifiedTpmQuote verified = listing(evidence).verify(evidence, Optional.of(Hex.parse(TRUSTEE_NONCE)),
                Optional.empty(), AT);
        assertThat(Hex.of(verified.attest().pcrDigest()))
                .isEqualTo("019de64c9318655e422c3d03831169896e31f02a1d74e4d8fef575bf4e0d75fa");
        assertThat(verified.attest().firmwareVersion()).isEqualTo(0x2019102300163636L);
        assertThat(verified.pcrs().bank(TcgAlgorithm.SHA256)).hasSize(24);
        assertThat(verified.pcrs().bank(TcgAlgorithm.SHA256).get(0)).isEqualTo(new byte[32]);
        assertThat(verified.pcrs().bank(TcgAlgorithm.SHA256).get(8)).isEqualTo(new byte[32]);
    }

    @Test
    void trusteesQuoteIsRefusedWithoutTrustInItsAk() {
        TpmEvidence evidence = trustee(trusteeJson());
        assertThatThrownBy(() -> new TpmQuoteVerifier(new AkTrust(List.of(), Set.of(), false)).verify(evidence,
                Optional.empty(), Optional.empty(), AT)).extracting(e -> ((TpmVerificationException) e).reason())
                .isEqualTo(Reason.AK_UNTRUSTED);
    }

    /** Trustee resizes the expected report data to 32 bytes; Arca compares the whole 64-byte extraData. */
    @Test
    void trusteesNonceIsComparedWhole() throws Exception {
        TpmEvidence evidence = trustee(trusteeJson());
        assertThatThrownBy(() -> listing(evidence).verify(evidence,
                Optional.of(Hex.parse(TRUSTEE_NONCE.substring(0, 64))), Optional.empty(), AT))
                .extracting(e -> ((TpmVerificationException) e).reason()).isEqualTo(Reason.NONCE_MISMATCH);
    }

    @Test
    void upstreamNegativesOnTrusteesQuote() throws Exception {
        TpmEvidence good = trustee(trusteeJson());
        TpmQuoteVerifier verifier = listing(good);
        byte[] signature = good.signature().clone();
        signature[6] ^= 1; // the first byte of the RSA signature after sigAlg, hash and size
        expect(verifier, new TpmEvidence(good.akPublic(), List.of(), good.message(), signature, good.pcrs(),
                Optional.empty()), Reason.SIGNATURE);
        List<byte[]> pcrs = new ArrayList<>(good.pcrs().bank(TcgAlgorithm.SHA256).values());
        byte[] pcr0 = pcrs.getFirst().clone();
        pcr0[0] ^= 1;
        pcrs.set(0, pcr0);
        expect(verifier, new TpmEvidence(good.akPublic(), List.of(), good.message(), good.signature(),
                PcrValues.ofBank(TcgAlgorithm.SHA256, pcrs), Optional.empty()), Reason.PCR_DIGEST);
        byte[] damagedAk = good.akPublic().clone();
        damagedAk[40] ^= 1; // inside the modulus: another key, which did not sign
        assertThatThrownBy(() -> new TpmQuoteVerifier(new AkTrust(List.of(), Set.of(), true)).verify(new TpmEvidence(
                damagedAk, List.of(), good.message(), good.signature(), good.pcrs(), Optional.empty()),
                Optional.empty(), Optional.empty(), AT)).extracting(e -> ((TpmVerificationException) e).reason())
                .isIn(Reason.SIGNATURE, Reason.FORMAT);
        byte[] reversed = Hex.parse(TRUSTEE_NONCE);
        for (int i = 0; i < reversed.length / 2; i++) {
            byte b = reversed[i];
            reversed[i] = reversed[reversed.length - 1 - i];
            reversed[reversed.length - 1 - i] = b;
        }
        assertThatThrownBy(() -> verifier.verify(good, Optional.of(reversed), Optional.empty(), AT))
                .extracting(e -> ((TpmVerificationException) e).reason()).isEqualTo(Reason.NONCE_MISMATCH);
    }

    private static void expect(TpmQuoteVerifier verifier, TpmEvidence evidence, Reason reason) {
        assertThatThrownBy(() -> verifier.verify(evidence, Optional.empty(), Optional.empty(), AT))
                .extracting(e -> ((TpmVerificationException) e).reason()).isEqualTo(reason);
    }

    /** go-attestation's GCE Shielded VM capture: TPMT_PUBLIC AK, SHA-1 quote, legacy SHA-1 event log. */
    @Test
    void theGcpShieldedVmQuoteVerifiesAndItsLegacyLogReplays() throws Exception {
        JsonNode json = Json.tree(Corpus.text("tpm/goatt_windows_gcp_shielded_vm.json"));
        byte[] ak = Base64.getDecoder().decode(json.get("AK").get("Public").stringValue());
        SortedMap<Integer, byte[]> sha1 = new TreeMap<>();
        json.get("Log").get("PCRs").forEach(p -> sha1.put(p.get("Index").intValue(),
                Base64.getDecoder().decode(p.get("Digest").stringValue())));
        byte[] raw = Base64.getDecoder().decode(json.get("Log").get("Raw").stringValue());
        TpmEvidence evidence = new TpmEvidence(ak, List.of(),
                Base64.getDecoder().decode(json.get("Quote").get("Quote").stringValue()),
                Base64.getDecoder().decode(json.get("Quote").get("Signature").stringValue()),
                new PcrValues(java.util.Map.of(TcgAlgorithm.SHA1, sha1)), Optional.of(raw));

        VerifiedTpmQuote verified = listing(evidence).verify(evidence, Optional.of(new byte[0]), Optional.empty(),
                AT);

        assertThat(TpmtPublic.parse(ak).getAlgorithm()).isEqualTo("RSA");
        assertThat(Hex.of(verified.attest().pcrDigest())).isEqualTo("a610f27bc687ce906243287d832706036e79f6e1");
        TcgEventLog log = verified.eventLog().orElseThrow();
        assertThat(log.format()).isEqualTo(TcgEventLog.Format.SHA1_LEGACY);
        assertThat(log.events()).hasSize(21);
        byte[][] replayed = log.replayPcrs(TcgAlgorithm.SHA1);
        assertThat(Hex.of(replayed[0])).isEqualTo("51c323de0c0c694f4601cdd02beb58ff13629f74");
        assertThat(Hex.of(replayed[7])).isEqualTo("859a5877266b5c909613468091a73380a5386786");
        for (int pcr = 0; pcr < 16; pcr++) {
            assertThat(replayed[pcr]).as("PCR%d", pcr).isEqualTo(sha1.get(pcr));
        }
    }

    @Test
    void aTamperedEventOfTheGcpLogFailsItsPcr() throws Exception {
        JsonNode json = Json.tree(Corpus.text("tpm/goatt_windows_gcp_shielded_vm.json"));
        byte[] raw = Base64.getDecoder().decode(json.get("Log").get("Raw").stringValue());
        raw[8] ^= 1; // the first event's SHA-1 digest (PCR0)
        SortedMap<Integer, byte[]> sha1 = new TreeMap<>();
        json.get("Log").get("PCRs").forEach(p -> sha1.put(p.get("Index").intValue(),
                Base64.getDecoder().decode(p.get("Digest").stringValue())));
        assertThatThrownBy(() -> TcgEventLogParser.parse(raw).requirePcrs(TcgAlgorithm.SHA1, sha1))
                .hasMessageContaining("PCR0").extracting(e -> ((TpmVerificationException) e).reason())
                .isEqualTo(Reason.EVENT_LOG_MISMATCH);
    }

    /** Azure's standalone quote (MANIFEST §6, parse-only): a non-contiguous selection, SHA-256 {0–7, 14}. */
    @Test
    void aNonContiguousSelectionIsParsed() throws Exception {
        TpmsAttest attest = TpmsAttest.parse(Corpus.bytes("az-snp-vtpm/trustee_tpm-quote.msg"));
        assertThat(new String(attest.extraData())).isEqualTo("challenge");
        assertThat(attest.pcrSelections()).hasSize(1);
        assertThat(attest.pcrSelections().getFirst().bank()).isEqualTo(TcgAlgorithm.SHA256);
        assertThat(attest.pcrSelections().getFirst().pcrs()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 14);
        assertThat(Hex.of(attest.pcrDigest()))
                .isEqualTo("9d608cf40eb5bc7454c6cbc0985c17c2efa45d5e5b28004aa7d77c1285d2fa5d");
    }
}
