package dev.arca.dcap.collateral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.dcap.DcapVerificationException;
import dev.arca.dcap.DcapVerificationException.Reason;
import dev.arca.dcap.Vectors;
import dev.arca.dcap.pck.Certificates;
import dev.arca.dcap.pck.PckCaType;
import dev.arca.dcap.pck.PckCertChain;
import dev.arca.dcap.quote.Quote;
import dev.arca.dcap.quote.QuoteParser;
import dev.arca.dcap.quote.TeeType;
import dev.arca.dcap.trust.EcdsaP256;
import dev.arca.dcap.trust.ValidityWindow;
import dev.arca.dcap.trust.VerifiedCrl;
import dev.arca.model.testing.RealEvidence;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Revocation checks of the quote's PCK chain. No revoked Intel PCK exists in the real-evidence corpus
 * (docs/testing.md), so this test uses a SYNTHETIC certificate hierarchy generated here (test-only keys, not Intel's)
 * and the CRL logic of {@link VerifiedCollateral#checkRevocation}; the collateral documents are the corpus's own.
 */
@RealEvidence
class RevocationTest {

    private static final Date FROM = Date.from(Instant.parse("2020-01-01T00:00:00Z"));
    private static final Date TO = Date.from(Instant.parse("2040-01-01T00:00:00Z"));
    private static final ValidityWindow WINDOW = new ValidityWindow("PCK CRL", FROM.toInstant(), TO.toInstant(),
            false);

    private static KeyPair rootKey;
    private static KeyPair caKey;
    private static X509Certificate root;
    private static X509Certificate ca;
    private static TcbInfo tcbInfo;
    private static QeIdentity qeIdentity;
    private static Quote quote;

    @BeforeAll
    static void hierarchy() throws Exception {
        rootKey = keyPair();
        caKey = keyPair();
        root = certificate("CN=Synthetic Root", rootKey, "CN=Synthetic Root", rootKey, BigInteger.ONE, true);
        ca = certificate("CN=Synthetic PCK CA", caKey, "CN=Synthetic Root", rootKey, BigInteger.TWO, true);
        RawCollateral bundle = Vectors.bundle("phala_tdx_quote_collateral.json");
        tcbInfo = CollateralParser.tcbInfo(bundle.tcbInfo().signedBytes());
        qeIdentity = CollateralParser.qeIdentity(bundle.qeIdentity().signedBytes());
        quote = QuoteParser.parse(Vectors.bytes("tdx/phala_tdx_quote"));
    }

    private static KeyPair keyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static X509Certificate certificate(String subject, KeyPair subjectKey, String issuer, KeyPair issuerKey,
            BigInteger serial, boolean ca) throws Exception {
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name(issuer), serial, FROM, TO,
                new X500Name(subject), subjectKey.getPublic());
        builder.addExtension(Extension.basicConstraints, true, ca ? new BasicConstraints(0)
                : new BasicConstraints(false));
        return new JcaX509CertificateConverter().getCertificate(builder.build(
                new JcaContentSignerBuilder("SHA256withECDSA").setProvider(EcdsaP256.PROVIDER)
                        .build(issuerKey.getPrivate())));
    }

    private static X509CRL crl(String issuer, KeyPair signer, BigInteger... revoked) throws Exception {
        X509v2CRLBuilder builder = new X509v2CRLBuilder(new X500Name(issuer), FROM);
        builder.setNextUpdate(TO);
        for (BigInteger serial : revoked) {
            builder.addCRLEntry(serial, FROM, CRLReason.keyCompromise);
        }
        return new JcaX509CRLConverter().getCRL(builder.build(new JcaContentSignerBuilder("SHA256withECDSA")
                .setProvider(EcdsaP256.PROVIDER).build(signer.getPrivate())));
    }

    private static PckCertChain chain(BigInteger leafSerial) throws Exception {
        X509Certificate leaf = certificate("CN=Synthetic PCK", keyPair(), "CN=Synthetic PCK CA", caKey, leafSerial,
                false);
        PckCertChain real = PckCertChain.parse(quote.signatureData().pckCertChainPem());
        return new PckCertChain(leaf, ca, root, PckCaType.PLATFORM, real.extensions(), new byte[0]);
    }

    private static VerifiedCollateral collateral(X509CRL pckCrl, VerifiedCrl rootCrl) {
        return new VerifiedCollateral(new CollateralRequest(TeeType.TDX, "B0C06F000000", PckCaType.PLATFORM), root,
                tcbInfo, qeIdentity, rootCrl, pckCrl, WINDOW, Optional.empty(), List.of(WINDOW));
    }

    @Test
    void aRevokedPckLeafIsRefused() throws Exception {
        VerifiedCollateral collateral = collateral(crl("CN=Synthetic PCK CA", caKey, BigInteger.valueOf(1234)), null);

        assertThatThrownBy(() -> collateral.checkRevocation(chain(BigInteger.valueOf(1234))))
                .hasMessageContaining("revoked by the PCK CRL")
                .extracting(e -> ((DcapVerificationException) e).reason())
                .isEqualTo(Reason.REVOKED);
        collateral.checkRevocation(chain(BigInteger.valueOf(99)));
        assertThat(collateral.verifiedPckCrl()).isPresent();
    }

    @Test
    void aRevokedPckCaIsRefusedByTheRootCrl() throws Exception {
        X509CRL rootCrl = crl("CN=Synthetic Root", rootKey, BigInteger.TWO);
        VerifiedCrl verifiedRootCrl = new VerifiedCrl(rootCrl, Certificates.publicKeyPoint(root),
                new ValidityWindow("Root CA CRL", FROM.toInstant(), TO.toInstant(), false));
        VerifiedCollateral collateral = collateral(crl("CN=Synthetic PCK CA", caKey), verifiedRootCrl);

        assertThatThrownBy(() -> collateral.checkRevocation(chain(BigInteger.valueOf(99))))
                .hasMessageContaining("revoked by the Root CA CRL")
                .extracting(e -> ((DcapVerificationException) e).reason())
                .isEqualTo(Reason.REVOKED);
    }

    @Test
    void aPckCrlSignedByAnotherKeyIsRefused() throws Exception {
        VerifiedCollateral collateral = collateral(crl("CN=Synthetic PCK CA", keyPair()), null);
        assertThatThrownBy(() -> collateral.checkRevocation(chain(BigInteger.valueOf(99))))
                .extracting(e -> ((DcapVerificationException) e).reason())
                .isEqualTo(Reason.COLLATERAL_INVALID);
    }

    @Test
    void aPckCrlOfAnotherIssuerIsAMismatch() throws Exception {
        VerifiedCollateral collateral = collateral(crl("CN=Other CA", caKey), null);
        assertThatThrownBy(() -> collateral.checkRevocation(chain(BigInteger.valueOf(99))))
                .extracting(e -> ((DcapVerificationException) e).reason())
                .isEqualTo(Reason.COLLATERAL_MISMATCH);
    }

    /**
     * One chain (the same instance, as the chain cache hands it out) against several collaterals: each
     * collateral's own CRLs decide, and a CA already accepted for one PCK CRL is not accepted for another's.
     */
    @Test
    void aChainCheckedOnceIsCheckedAgainAgainstEveryOtherCrl() throws Exception {
        PckCertChain chain = chain(BigInteger.valueOf(1234));
        VerifiedCollateral clean = collateral(crl("CN=Synthetic PCK CA", caKey), null);
        VerifiedCollateral revoking = collateral(crl("CN=Synthetic PCK CA", caKey, BigInteger.valueOf(1234)), null);
        VerifiedCollateral forged = collateral(crl("CN=Synthetic PCK CA", keyPair()), null);
        X509CRL rootCrl = crl("CN=Synthetic Root", rootKey, BigInteger.TWO);
        VerifiedCollateral caRevoked = collateral(crl("CN=Synthetic PCK CA", caKey), new VerifiedCrl(rootCrl,
                Certificates.publicKeyPoint(root), new ValidityWindow("Root CA CRL", FROM.toInstant(),
                        TO.toInstant(), false)));

        clean.checkRevocation(chain);
        assertThatThrownBy(() -> revoking.checkRevocation(chain))
                .extracting(e -> ((DcapVerificationException) e).reason()).isEqualTo(Reason.REVOKED);
        assertThatThrownBy(() -> forged.checkRevocation(chain))
                .extracting(e -> ((DcapVerificationException) e).reason()).isEqualTo(Reason.COLLATERAL_INVALID);
        assertThatThrownBy(() -> caRevoked.checkRevocation(chain))
                .hasMessageContaining("revoked by the Root CA CRL");
        clean.checkRevocation(chain);
    }

    /** A PCK CA already accepted as the CRL's signer skips only the signature check, never the serial look-up. */
    @Test
    void aKnownPckCaStillHasItsLeavesLookedUp() throws Exception {
        VerifiedCollateral collateral = collateral(crl("CN=Synthetic PCK CA", caKey, BigInteger.valueOf(1234)), null);
        collateral.checkRevocation(chain(BigInteger.valueOf(99)));
        collateral.checkRevocation(chain(BigInteger.valueOf(98)));
        assertThatThrownBy(() -> collateral.checkRevocation(chain(BigInteger.valueOf(1234))))
                .extracting(e -> ((DcapVerificationException) e).reason()).isEqualTo(Reason.REVOKED);
    }

    /** pck_crl_num is reported only once the PCK CRL's signature has been verified. */
    @Test
    void thePckCrlNumberNeedsAVerifiedSignature() throws Exception {
        CollateralRequest request = new CollateralRequest(TeeType.TDX, "50806F000000", PckCaType.PLATFORM);
        VerifiedCollateral collateral = new CollateralVerifier(dev.arca.dcap.trust.IntelRootCa.pinned())
                .verify(request, Vectors.gotdx2023("gotdx_tcb_signing_chain_2018-2025.pem").fetch(request));
        assertThat(collateral.pckCrlNumber()).isEmpty();
        collateral.checkRevocation(PckCertChain.parse(QuoteParser.parse(Vectors.bytes("tdx/trustee_tdx_quote_4.dat"))
                .signatureData().pckCertChainPem()));
        assertThat(collateral.pckCrlNumber()).isPresent()
                .isEqualTo(collateral.verifiedPckCrl().orElseThrow().crlNumber());
        assertThat(collateral.rootCaCrlNumber()).isEqualTo(collateral.rootCaCrl().orElseThrow().crlNumber());
    }

    /** The corpus's real CRLs revoke none of the corpus's PCKs. */
    @Test
    void noQuoteOfTheCorpusIsRevokedByItsCrl() throws Exception {
        CollateralVerifier verifier = new CollateralVerifier(dev.arca.dcap.trust.IntelRootCa.pinned());
        VerifiedCollateral phala = verifier.verify(new CollateralRequest(TeeType.TDX, "B0C06F000000",
                PckCaType.PLATFORM), Vectors.bundle("phala_tdx_quote_collateral.json"));
        phala.checkRevocation(PckCertChain.parse(quote.signatureData().pckCertChainPem()));

        CollateralRequest gotdx = new CollateralRequest(TeeType.TDX, "50806F000000", PckCaType.PLATFORM);
        VerifiedCollateral goCollateral = verifier.verify(gotdx,
                Vectors.gotdx2023("gotdx_tcb_signing_chain_2018-2025.pem").fetch(gotdx));
        for (String file : List.of("tdx/trustee_tdx_quote_4.dat", "tdx/gotdx_tdx_prod_quote_SPR_E4.dat")) {
            goCollateral.checkRevocation(PckCertChain.parse(QuoteParser.parse(Vectors.bytes(file))
                    .signatureData().pckCertChainPem()));
        }
        assertThat(goCollateral.verifiedPckCrl().orElseThrow().crlNumber()).isPresent();
    }
}
