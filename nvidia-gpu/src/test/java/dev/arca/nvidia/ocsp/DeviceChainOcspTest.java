package dev.arca.nvidia.ocsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.arca.nvidia.NvidiaVerificationException;
import dev.arca.nvidia.NvidiaVerificationException.Reason;
import dev.arca.nvidia.testpki.FakeOcspResponder;
import dev.arca.nvidia.testpki.TestDevicePki;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The device chain's OCSP check against {@link FakeOcspResponder} (Bouncy Castle, real HTTP): every certificate below
 * the root asked about, good answers cached, revoked and unknown refused, forged, stale or missing answers failing
 * closed.
 */
class DeviceChainOcspTest {

    private final TestDevicePki pki = TestDevicePki.forFirmware("gsp fmc");
    private final FakeOcspResponder responder = FakeOcspResponder.start()
            .issuer(pki.intermediate(), pki.intermediateKey()).issuer(pki.root(), pki.rootKey());
    private final List<java.security.cert.X509Certificate> chain = List.of(pki.leaf(), pki.intermediate(), pki.root());

    @AfterEach
    void stop() {
        responder.close();
    }

    private DeviceChainOcsp ocsp() {
        return new DeviceChainOcsp(responder.url(), Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofHours(1));
    }

    private NvidiaVerificationException refusal(DeviceChainOcsp ocsp, Instant at) {
        return assertThrows(NvidiaVerificationException.class, () -> ocsp.check(chain, at));
    }

    @Test
    void aGoodChainPassesAndItsAnswersAreReused() throws Exception {
        DeviceChainOcsp ocsp = ocsp();
        ocsp.check(chain, Instant.now());
        assertThat(responder.calls()).as("leaf and intermediate, not the root").isEqualTo(2);
        ocsp.check(chain, Instant.now());
        assertThat(responder.calls()).isEqualTo(2);
        ocsp.check(chain, Instant.now().plus(Duration.ofHours(2)));
        assertThat(responder.calls()).as("past the cache age").isEqualTo(4);
    }

    @Test
    void revokedOrUnknownCertificatesAreRefused() {
        responder.revoke(pki.leaf().getSerialNumber());
        NvidiaVerificationException revoked = refusal(ocsp(), Instant.now());
        assertThat(revoked.reason()).isEqualTo(Reason.REVOKED);
        assertThat(revoked.getMessage()).contains("revoked", "GSP FMC");

        responder.unknown(pki.leaf().getSerialNumber());
        NvidiaVerificationException unknown = refusal(ocsp(), Instant.now());
        assertThat(unknown.reason()).isEqualTo(Reason.REVOKED);
        assertThat(unknown.getMessage()).contains("unknown");
    }

    @Test
    void anAnswerNotSignedByTheIssuerIsUnusable() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp384r1"));
        responder.forgedKey(generator.generateKeyPair().getPrivate());
        NvidiaVerificationException e = refusal(ocsp(), Instant.now());
        assertThat(e.reason()).isEqualTo(Reason.REVOCATION_UNAVAILABLE);
        assertThat(e.getMessage()).contains("not signed by the issuer");
    }

    @Test
    void aStaleAnswerIsUnusable() {
        NvidiaVerificationException e = refusal(ocsp(), Instant.now().plus(Duration.ofDays(3)));
        assertThat(e.reason()).isEqualTo(Reason.REVOCATION_UNAVAILABLE);
        assertThat(e.getMessage()).contains("not current");
    }

    @Test
    void anUnknownIssuerOrAFailingOrAbsentResponderFailsClosed() {
        FakeOcspResponder empty = FakeOcspResponder.start();
        try {
            DeviceChainOcsp ocsp = new DeviceChainOcsp(empty.url(), Duration.ofSeconds(2), Duration.ofSeconds(5),
                    Duration.ofHours(1));
            assertThat(assertThrows(NvidiaVerificationException.class, () -> ocsp.check(chain, Instant.now()))
                    .getMessage()).contains("refused the request");
        } finally {
            empty.close();
        }
        responder.httpStatus(500);
        assertThat(refusal(ocsp(), Instant.now()).getMessage()).contains("HTTP 500");
        responder.httpStatus(200);
        DeviceChainOcsp ocsp = ocsp();
        responder.close();
        NvidiaVerificationException down = refusal(ocsp, Instant.now());
        assertThat(down.reason()).isEqualTo(Reason.REVOCATION_UNAVAILABLE);
        assertThat(down.getMessage()).contains("did not answer");
    }
}
