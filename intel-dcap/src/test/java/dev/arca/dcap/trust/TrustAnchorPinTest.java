package dev.arca.dcap.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.dcap.DcapVerificationException;
import dev.arca.dcap.DcapVerificationException.Reason;
import dev.arca.dcap.pck.PckCaType;
import dev.arca.dcap.testpki.PckProfile;
import dev.arca.dcap.testpki.TestPki;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The root pin: a root is trusted when it is self-signed and its SHA-256 fingerprint is pinned; nothing else — not
 * the name, not the key alone — makes it so. Checked with a test PKI.
 */
class TrustAnchorPinTest {

    private static final TestPki PKI = TestPki.create();

    @Test
    void productionPinsIntelsRootOnly() {
        assertThat(IntelRootCa.pinned().fingerprints()).containsExactly(IntelRootCa.INTEL_SGX_ROOT_CA_SHA256);
        assertThat(IntelRootCa.pinned().isPinned(PKI.root())).isFalse();
    }

    @Test
    void aPinnedSelfSignedRootIsTrusted() throws Exception {
        IntelRootCa pin = PKI.trustAnchor();
        assertThat(pin.isPinned(PKI.root())).isTrue();
        pin.requireTrusted(PKI.root(), "root", Reason.PCK_CHAIN);
    }

    @Test
    void fingerprintsAreReadWithColonsAndInEitherCase() {
        String hex = PKI.rootFingerprint();
        StringBuilder colons = new StringBuilder();
        for (int i = 0; i < hex.length(); i += 2) {
            colons.append(i == 0 ? "" : ":").append(hex, i, i + 2);
        }
        IntelRootCa pin = IntelRootCa.pinnedTo(List.of(colons.toString().toUpperCase(Locale.ROOT)));
        assertThat(pin.fingerprints()).containsExactly(hex);
        assertThat(pin.isPinned(PKI.root())).isTrue();
    }

    @Test
    void aMalformedOrEmptyPinIsRefusedAtConfiguration() {
        assertThatThrownBy(() -> IntelRootCa.pinnedTo(List.of("abc"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("64 hex digits");
        assertThatThrownBy(() -> IntelRootCa.pinnedTo(List.of("zz".repeat(32))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IntelRootCa.pinnedTo(Set.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anUnpinnedRootWithTheSameNameIsRefusedWithItsFingerprint() {
        X509Certificate other = TestPki.foreignRoot().certificate();
        assertThatThrownBy(() -> PKI.trustAnchor().requireTrusted(other, "the PCK chain's root", Reason.PCK_CHAIN))
                .isInstanceOf(DcapVerificationException.class)
                .hasMessageContaining("the PCK chain's root is not a trusted root")
                .hasMessageContaining(TestPki.fingerprint(other))
                .extracting(e -> ((DcapVerificationException) e).reason()).isEqualTo(Reason.PCK_CHAIN);
    }

    /** Pinning an intermediate does not make it a root: it is not self-issued. */
    @Test
    void aPinnedCertificateThatIsNotSelfIssuedIsRefused() {
        X509Certificate ca = PKI.pckCa(PckCaType.PLATFORM);
        IntelRootCa pin = IntelRootCa.pinnedTo(List.of(TestPki.fingerprint(ca)));
        assertThatThrownBy(() -> pin.requireTrusted(ca, "root", Reason.COLLATERAL_INVALID))
                .hasMessageContaining("not self-issued");
    }

    /** A certificate naming itself as issuer but signed by another key is no root, pinned or not. */
    @Test
    void aSelfIssuedCertificateSignedByAnotherKeyIsRefused() {
        KeyPair subject = TestPki.keyPair();
        X509Certificate forged = TestPki.certificate(TestPki.name(IntelRootCa.COMMON_NAME), subject,
                TestPki.name(IntelRootCa.COMMON_NAME), TestPki.keyPair(), true, TestPki.NOT_BEFORE,
                TestPki.NOT_AFTER);
        IntelRootCa pin = IntelRootCa.pinnedTo(List.of(TestPki.fingerprint(forged)));
        assertThatThrownBy(() -> pin.requireTrusted(forged, "root", Reason.PCK_CHAIN))
                .hasMessageContaining("self-signature does not verify");
    }

    @Test
    void chainsAreVerifiedUpToThePinnedRootOnly() throws Exception {
        ChainVerifier chains = new ChainVerifier(PKI.trustAnchor());
        List<String> names = List.of("PCK leaf", "PCK CA", "root");
        var pck = PKI.issuePck(PckProfile.platform());
        assertThat(chains.verify(pck.chain(), names, Reason.PCK_CHAIN)).hasSize(3);

        ChainVerifier production = new ChainVerifier(IntelRootCa.pinned());
        assertThatThrownBy(() -> production.verify(pck.chain(), names, Reason.PCK_CHAIN))
                .hasMessageContaining("not a trusted root");
        // a leaf from another hierarchy spliced onto ours does not verify
        var foreign = TestPki.create().issuePck(PckProfile.platform());
        assertThatThrownBy(() -> chains.verify(List.of(foreign.leaf(), PKI.pckCa(PckCaType.PLATFORM), PKI.root()),
                names, Reason.PCK_CHAIN)).hasMessageContaining("signature does not verify");
        // a non-CA certificate cannot issue
        assertThatThrownBy(() -> chains.verify(List.of(pck.leaf(), PKI.tcbSigning(), PKI.root()), names,
                Reason.PCK_CHAIN)).isInstanceOf(DcapVerificationException.class);
    }
}
