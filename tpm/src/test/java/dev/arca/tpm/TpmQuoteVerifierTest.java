package dev.arca.tpm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.tpm.TpmVerificationException.Reason;
import dev.arca.tpm.ak.AkTrust;
import dev.arca.tpm.eventlog.TcgAlgorithm;
import dev.arca.tpm.quote.InitDataPcr;
import dev.arca.tpm.quote.PcrValues;
import dev.arca.tpm.quote.TpmtSignature;
import dev.arca.tpm.testkeys.TestAk;
import dev.arca.tpm.testkeys.TestAkCa;
import dev.arca.tpm.testkeys.TestEventLog;
import dev.arca.tpm.testkeys.TestQuote;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every path of the TPM quote verification, on quotes signed by test keys made here. */
class TpmQuoteVerifierTest {

    private static final Instant AT = Instant.parse("2026-06-01T00:00:00Z");
    private static final List<Integer> ALL = IntStream.range(0, 24).boxed().toList();
    private static final byte[] NONCE = TcgAlgorithm.SHA384.digest("runtime data".getBytes()).orElseThrow();

    private static final TestAk RSA = TestAk.rsa();
    private static final TestAkCa CA = new TestAkCa("Test AK Root");

    private static TpmQuoteVerifier listing(TestAk ak) {
        return new TpmQuoteVerifier(new AkTrust(List.of(), Set.of(AkTrust.digest(ak.keys().getPublic())), false));
    }

    private static TpmEvidence evidence(TestAk ak, byte[] message, byte[] signature, PcrValues pcrs) {
        return new TpmEvidence(ak.spki(), List.of(), message, signature, pcrs, Optional.empty());
    }

    private static TpmEvidence sha256Evidence(TestAk ak, List<byte[]> pcrs, byte[] nonce) {
        byte[] message = new TestQuote().nonce(nonce).select(TcgAlgorithm.SHA256, ALL, pcrs).build();
        return evidence(ak, message, ak.sign(message, TpmtSignature.RSASSA, TcgAlgorithm.SHA256),
                PcrValues.ofBank(TcgAlgorithm.SHA256, pcrs));
    }

    private static void refused(ThrowingCallable call, Reason reason, String message) {
        assertThatThrownBy(call).isInstanceOf(TpmVerificationException.class).hasMessageContaining(message)
                .extracting(e -> ((TpmVerificationException) e).reason()).isEqualTo(reason);
    }

    @ParameterizedTest
    @CsvSource({"RSA, 20, SHA256", "RSA, 20, SHA1", "RSA, 20, SHA384", "RSA, 22, SHA256", "RSA, 22, SHA384",
        "secp256r1, 24, SHA256", "secp384r1, 24, SHA384", "secp384r1, 24, SHA256"})
    void verifiesEverySchemeAndHash(String key, int scheme, TcgAlgorithm hash) throws Exception {
        TestAk ak = key.equals("RSA") ? RSA : TestAk.ecc(key);
        List<byte[]> pcrs = TestQuote.samplePcrs(hash);
        byte[] message = new TestQuote().nonce(NONCE).digestHash(hash).select(hash, ALL, pcrs).build();
        byte[] signature = ak.sign(message, scheme, hash);
        for (byte[] akPublic : List.of(ak.spki(), ak.tpmtPublic())) {
            VerifiedTpmQuote verified = listing(ak).verify(new TpmEvidence(akPublic, List.of(), message, signature,
                    PcrValues.ofBank(hash, pcrs), Optional.empty()), Optional.of(NONCE), Optional.empty(), AT);
            assertThat(verified.pcrs().bank(hash)).hasSize(24);
            assertThat(verified.attest().extraData()).isEqualTo(NONCE);
            assertThat(verified.akTrust()).isEqualTo(AkTrust.Basis.LISTED);
        }
    }

    @Test
    void nonContiguousSelectionsOfSeveralBanksAreHashedInSelectionOrder() throws Exception {
        List<byte[]> sha1 = TestQuote.samplePcrs(TcgAlgorithm.SHA1);
        List<byte[]> sha256 = TestQuote.samplePcrs(TcgAlgorithm.SHA256);
        byte[] message = new TestQuote().nonce(NONCE)
                .select(TcgAlgorithm.SHA256, List.of(0, 1, 2, 3, 4, 5, 6, 7, 14), sha256)
                .select(TcgAlgorithm.SHA1, List.of(10, 23), sha1).build();
        PcrValues claimed = new PcrValues(Map.of(TcgAlgorithm.SHA1, PcrValues.ofBank(TcgAlgorithm.SHA1, sha1)
                .bank(TcgAlgorithm.SHA1), TcgAlgorithm.SHA256, PcrValues.ofBank(TcgAlgorithm.SHA256, sha256)
                .bank(TcgAlgorithm.SHA256)));
        VerifiedTpmQuote verified = listing(RSA).verify(evidence(RSA, message,
                RSA.sign(message, TpmtSignature.RSASSA, TcgAlgorithm.SHA256), claimed), Optional.of(NONCE),
                Optional.empty(), AT);
        assertThat(verified.pcrs().bank(TcgAlgorithm.SHA256).keySet()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 14);
        assertThat(verified.pcrs().bank(TcgAlgorithm.SHA1).keySet()).containsExactly(10, 23);
        assertThat(verified.attest().pcrSelections()).hasSize(2);
    }

    @Test
    void aFlippedSignatureByteIsASignatureRefusal() {
        TpmEvidence good = sha256Evidence(RSA, TestQuote.samplePcrs(TcgAlgorithm.SHA256), NONCE);
        byte[] signature = good.signature().clone();
        signature[10] ^= 1;
        refused(() -> listing(RSA).verify(evidence(RSA, good.message(), signature, good.pcrs()), Optional.of(NONCE),
                Optional.empty(), AT), Reason.SIGNATURE, "signature");
    }

    @Test
    void anyFlippedByteOfTheSignedQuoteIsRefusedWithItsRegion() {
        TpmEvidence good = sha256Evidence(RSA, TestQuote.samplePcrs(TcgAlgorithm.SHA256), NONCE);
        for (int i = 0; i < good.message().length; i++) {
            byte[] message = good.message().clone();
            message[i] ^= 1;
            try {
                listing(RSA).verify(evidence(RSA, message, good.signature(), good.pcrs()), Optional.of(NONCE),
                        Optional.empty(), AT);
                throw new AssertionError("byte " + i + " flipped was accepted");
            } catch (TpmVerificationException e) {
                assertThat(e.reason()).isIn(Reason.FORMAT, Reason.SIGNATURE);
            }
        }
    }

    @Test
    void truncatedStructuresAreFormatRefusals() {
        TpmEvidence good = sha256Evidence(RSA, TestQuote.samplePcrs(TcgAlgorithm.SHA256), NONCE);
        for (int length = 0; length < good.message().length; length += 3) {
            byte[] cut = java.util.Arrays.copyOf(good.message(), length);
            refused(() -> listing(RSA).verify(evidence(RSA, cut, good.signature(), good.pcrs()), Optional.empty(),
                    Optional.empty(), AT), Reason.FORMAT, "TPMS_ATTEST");
        }
        byte[] cutSignature = java.util.Arrays.copyOf(good.signature(), 100);
        refused(() -> listing(RSA).verify(evidence(RSA, good.message(), cutSignature, good.pcrs()), Optional.empty(),
                Optional.empty(), AT), Reason.FORMAT, "TPMT_SIGNATURE");
    }

    @Test
    void aFlippedPcrIsAPcrDigestRefusal() {
        List<byte[]> pcrs = TestQuote.samplePcrs(TcgAlgorithm.SHA256);
        TpmEvidence good = sha256Evidence(RSA, pcrs, NONCE);
        List<byte[]> flipped = new ArrayList<>(pcrs);
        byte[] pcr5 = flipped.get(5).clone();
        pcr5[0] ^= 1;
        flipped.set(5, pcr5);
        refused(() -> listing(RSA).verify(evidence(RSA, good.message(), good.signature(),
                PcrValues.ofBank(TcgAlgorithm.SHA256, flipped)), Optional.empty(), Optional.empty(), AT),
                Reason.PCR_DIGEST, "pcrDigest");
        refused(() -> listing(RSA).verify(evidence(RSA, good.message(), good.signature(),
                PcrValues.ofBank(TcgAlgorithm.SHA256, pcrs.subList(0, 20))), Optional.empty(), Optional.empty(), AT),
                Reason.PCR_DIGEST, "PCR20");
    }

    @Test
    void theWholeNonceIsCompared() {
        TpmEvidence good = sha256Evidence(RSA, TestQuote.samplePcrs(TcgAlgorithm.SHA256), NONCE);
        byte[] reversed = new byte[NONCE.length];
        for (int i = 0; i < NONCE.length; i++) {
            reversed[i] = NONCE[NONCE.length - 1 - i];
        }
        refused(() -> listing(RSA).verify(good, Optional.of(reversed), Optional.empty(), AT), Reason.NONCE_MISMATCH,
                "nonce");
        // no 32-byte resizing (Trustee's quirk): the first 32 bytes alone, or zero padding, do not match
        refused(() -> listing(RSA).verify(good, Optional.of(java.util.Arrays.copyOf(NONCE, 32)), Optional.empty(), AT),
                Reason.NONCE_MISMATCH, "nonce");
        refused(() -> listing(RSA).verify(good, Optional.of(java.util.Arrays.copyOf(NONCE, 64)), Optional.empty(), AT),
                Reason.NONCE_MISMATCH, "nonce");
    }

    @Test
    void initDataIsBoundByPcr8() throws Exception {
        byte[] initData = TcgAlgorithm.SHA256.digest("init-data".getBytes()).orElseThrow();
        List<byte[]> pcrs = new ArrayList<>(TestQuote.samplePcrs(TcgAlgorithm.SHA256));
        pcrs.set(8, InitDataPcr.expected(initData));
        TpmEvidence good = sha256Evidence(RSA, pcrs, NONCE);
        listing(RSA).verify(good, Optional.of(NONCE), Optional.of(initData), AT);
        byte[] other = TcgAlgorithm.SHA256.digest("other".getBytes()).orElseThrow();
        refused(() -> listing(RSA).verify(good, Optional.of(NONCE), Optional.of(other), AT), Reason.INIT_DATA_MISMATCH,
                "PCR8");
        refused(() -> listing(RSA).verify(good, Optional.of(NONCE), Optional.of(new byte[48]), AT),
                Reason.INIT_DATA_MISMATCH, "SHA-256");
    }

    @Test
    void anAkIsTrustedByCertificateByListOrOnlyWhenUnknownKeysAreAccepted() throws Exception {
        TpmEvidence bare = sha256Evidence(RSA, TestQuote.samplePcrs(TcgAlgorithm.SHA256), NONCE);
        X509Certificate certificate = CA.certify(RSA.keys().getPublic());
        TpmEvidence certified = new TpmEvidence(bare.akPublic(), List.of(certificate), bare.message(),
                bare.signature(), bare.pcrs(), Optional.empty());
        TpmQuoteVerifier rooted = new TpmQuoteVerifier(new AkTrust(List.of(CA.root()), Set.of(), false));

        assertThat(rooted.verify(certified, Optional.of(NONCE), Optional.empty(), AT).akTrust())
                .isEqualTo(AkTrust.Basis.CERTIFIED);
        refused(() -> rooted.verify(bare, Optional.empty(), Optional.empty(), AT), Reason.AK_UNTRUSTED,
                "not on the configured list");
        refused(() -> rooted.verify(certified, Optional.empty(), Optional.empty(), Instant.parse("2027-06-01T00:00:00Z")),
                Reason.AK_UNTRUSTED, "certificate is not trusted");
        TpmQuoteVerifier otherRoot = new TpmQuoteVerifier(new AkTrust(List.of(new TestAkCa("Other").root()), Set.of(),
                false));
        refused(() -> otherRoot.verify(certified, Optional.empty(), Optional.empty(), AT), Reason.AK_UNTRUSTED,
                "certificate is not trusted");
        TpmEvidence wrongLeaf = new TpmEvidence(bare.akPublic(), List.of(CA.certify(TestAk.rsa().keys().getPublic())),
                bare.message(), bare.signature(), bare.pcrs(), Optional.empty());
        refused(() -> rooted.verify(wrongLeaf, Optional.empty(), Optional.empty(), AT), Reason.AK_UNTRUSTED,
                "another key");
        TpmQuoteVerifier open = new TpmQuoteVerifier(new AkTrust(List.of(), Set.of(), true));
        assertThat(open.verify(bare, Optional.empty(), Optional.empty(), AT).akTrust()).isEqualTo(AkTrust.Basis.NONE);
    }

    @Test
    void aSignatureByAnotherKeyIsRefusedEvenWhenThatKeyIsListed() {
        TestAk other = TestAk.ecc("secp256r1");
        TpmEvidence good = sha256Evidence(RSA, TestQuote.samplePcrs(TcgAlgorithm.SHA256), NONCE);
        refused(() -> listing(other).verify(new TpmEvidence(other.spki(), List.of(), good.message(), good.signature(),
                good.pcrs(), Optional.empty()), Optional.empty(), Optional.empty(), AT), Reason.SIGNATURE, "signature");
    }

    @ParameterizedTest
    @CsvSource({"false, SHA256", "false, SHA384", "true, SHA1"})
    void anEventLogIsReplayedIntoTheAttestedPcrs(boolean legacy, TcgAlgorithm bank) throws Exception {
        TestEventLog log = legacy ? TestEventLog.legacySha1()
                : TestEventLog.cryptoAgile(TcgAlgorithm.SHA1, bank).startupLocality(3);
        log.event(0, "firmware").event(4, "boot loader").noAction(4, "not extended").event(7, "secure boot");
        List<byte[]> pcrs = new ArrayList<>(log.pcrs(bank));
        pcrs.set(23, bank.digest("application".getBytes()).orElseThrow()); // a PCR the log does not measure
        byte[] message = new TestQuote().nonce(NONCE).digestHash(bank).select(bank, ALL, pcrs).build();
        byte[] signature = RSA.sign(message, TpmtSignature.RSASSA, bank);
        TpmEvidence withLog = new TpmEvidence(RSA.spki(), List.of(), message, signature, PcrValues.ofBank(bank, pcrs),
                Optional.of(log.build()));
        VerifiedTpmQuote verified = listing(RSA).verify(withLog, Optional.of(NONCE), Optional.empty(), AT);
        assertThat(verified.eventLog()).isPresent();
        assertThat(verified.eventLog().get().events()).hasSize(legacy ? 4 : 5);

        TestEventLog other = legacy ? TestEventLog.legacySha1()
                : TestEventLog.cryptoAgile(TcgAlgorithm.SHA1, bank).startupLocality(3);
        other.event(0, "firmware").event(4, "another boot loader").event(7, "secure boot");
        TpmEvidence wrongLog = new TpmEvidence(RSA.spki(), List.of(), message, signature, PcrValues.ofBank(bank, pcrs),
                Optional.of(other.build()));
        refused(() -> listing(RSA).verify(wrongLog, Optional.of(NONCE), Optional.empty(), AT),
                Reason.EVENT_LOG_MISMATCH, "PCR4");
        TpmEvidence brokenLog = new TpmEvidence(RSA.spki(), List.of(), message, signature,
                PcrValues.ofBank(bank, pcrs), Optional.of(java.util.Arrays.copyOf(log.build(), log.build().length - 3)));
        refused(() -> listing(RSA).verify(brokenLog, Optional.of(NONCE), Optional.empty(), AT), Reason.FORMAT,
                "event log");
    }

    @Test
    void malformedAkPublicKeysAreFormatRefusals() {
        TpmEvidence good = sha256Evidence(RSA, TestQuote.samplePcrs(TcgAlgorithm.SHA256), NONCE);
        byte[] tpmt = RSA.tpmtPublic();
        byte[] unknownType = tpmt.clone();
        unknownType[1] = 0x25;
        for (byte[] ak : List.of(new byte[] {0x30, 1, 2}, java.util.Arrays.copyOf(tpmt, 40), unknownType,
                new byte[0])) {
            refused(() -> listing(RSA).verify(new TpmEvidence(ak, List.of(), good.message(), good.signature(),
                    good.pcrs(), Optional.empty()), Optional.empty(), Optional.empty(), AT), Reason.FORMAT, "");
        }
        byte[] ecc = TestAk.ecc("secp256r1").tpmtPublic();
        ecc[ecc.length - 1] ^= 1; // the point leaves the curve
        refused(() -> listing(RSA).verify(new TpmEvidence(ecc, List.of(), good.message(), good.signature(),
                good.pcrs(), Optional.empty()), Optional.empty(), Optional.empty(), AT), Reason.FORMAT, "not on");
    }
}
