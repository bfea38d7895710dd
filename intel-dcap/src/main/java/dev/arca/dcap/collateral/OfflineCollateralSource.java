package dev.arca.dcap.collateral;

import dev.arca.dcap.DcapVerificationException;
import dev.arca.dcap.DcapVerificationException.Reason;
import dev.arca.dcap.pck.Certificates;
import dev.arca.dcap.pck.PckCaType;
import dev.arca.dcap.pck.PemCertificates;
import dev.arca.dcap.quote.TeeType;
import dev.arca.dcap.trust.Crls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;

/**
 * Collateral from files captured earlier, for air-gapped deployments and for auditors re-verifying old evidence:
 * PCS response bodies of TCB Info and QE Identity with their issuer chains, PCK CRLs and the Root CA CRL. Documents
 * are indexed by what they say they are (TCB Info id and FMSPC, QE Identity id, CRL issuer); the newest wins when
 * several match. Nothing is trusted here: every answer is verified by {@link CollateralVerifier}.
 */
public final class OfflineCollateralSource implements CollateralSource {

    private record IndexedTcbInfo(SignedJson signed, TcbInfo info) {
    }

    private record IndexedQeIdentity(SignedJson signed, QeIdentity identity) {
    }

    private record IndexedCrl(byte[] der, List<X509Certificate> issuerChain, X509CRL crl) {
    }

    private final List<IndexedTcbInfo> tcbInfos;
    private final List<IndexedQeIdentity> qeIdentities;
    private final Map<PckCaType, IndexedCrl> pckCrls;
    private final byte[] rootCaCrl;

    private OfflineCollateralSource(Builder builder) {
        this.tcbInfos = List.copyOf(builder.tcbInfos);
        this.qeIdentities = List.copyOf(builder.qeIdentities);
        this.pckCrls = Map.copyOf(builder.pckCrls);
        this.rootCaCrl = builder.rootCaCrl;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public RawCollateral fetch(CollateralRequest request) throws DcapVerificationException {
        String tcbId = request.tee() == TeeType.TDX ? TcbInfo.TDX : TcbInfo.SGX;
        String qeId = request.tee() == TeeType.TDX ? QeIdentity.TD_QE : QeIdentity.QE;
        IndexedTcbInfo tcbInfo = tcbInfos.stream()
                .filter(t -> t.info().id().equals(tcbId) && t.info().fmspc().equalsIgnoreCase(request.fmspc()))
                .max(Comparator.comparing(t -> t.info().issueDate()))
                .orElseThrow(() -> unavailable("no " + tcbId + " TCB Info for FMSPC " + request.fmspc()));
        IndexedQeIdentity qeIdentity = qeIdentities.stream()
                .filter(q -> q.identity().id().equals(qeId))
                .max(Comparator.comparing(q -> q.identity().issueDate()))
                .orElseThrow(() -> unavailable("no " + qeId + " identity"));
        IndexedCrl pckCrl = pckCrls.get(request.caType());
        return new RawCollateral(tcbInfo.signed(), qeIdentity.signed(), pckCrl == null ? null : pckCrl.der(),
                pckCrl == null ? List.of() : pckCrl.issuerChain(), rootCaCrl);
    }

    private static DcapVerificationException unavailable(String message) {
        return new DcapVerificationException(Reason.COLLATERAL_UNAVAILABLE, message);
    }

    /** Collects documents; each is parsed once to index it. */
    public static final class Builder {

        private final List<IndexedTcbInfo> tcbInfos = new ArrayList<>();
        private final List<IndexedQeIdentity> qeIdentities = new ArrayList<>();
        private final Map<PckCaType, IndexedCrl> pckCrls = new EnumMap<>(PckCaType.class);
        private byte[] rootCaCrl;

        private Builder() {
        }

        public Builder tcbInfo(SignedJson signed) throws DcapVerificationException {
            tcbInfos.add(new IndexedTcbInfo(signed, CollateralParser.tcbInfo(signed.signedBytes())));
            return this;
        }

        public Builder qeIdentity(SignedJson signed) throws DcapVerificationException {
            qeIdentities.add(new IndexedQeIdentity(signed, CollateralParser.qeIdentity(signed.signedBytes())));
            return this;
        }

        /** A PCK CRL (DER, hex or PEM), indexed by its issuer's common name; the issuer chain may be empty. */
        public Builder pckCrl(byte[] crl, List<X509Certificate> issuerChain) throws DcapVerificationException {
            X509CRL decoded = Crls.decode(crl);
            String issuer = Certificates.commonName(X500Name.getInstance(
                    decoded.getIssuerX500Principal().getEncoded())).orElse("");
            PckCaType type = PckCaType.fromCommonName(issuer).orElseThrow(() -> new DcapVerificationException(
                    Reason.COLLATERAL_INVALID, "CRL issuer '" + issuer + "' is not a PCK CA"));
            IndexedCrl existing = pckCrls.get(type);
            if (existing == null || decoded.getThisUpdate().after(existing.crl().getThisUpdate())) {
                pckCrls.put(type, new IndexedCrl(crl.clone(), List.copyOf(issuerChain), decoded));
            }
            return this;
        }

        public Builder rootCaCrl(byte[] crl) throws DcapVerificationException {
            Crls.decode(crl);
            this.rootCaCrl = crl.clone();
            return this;
        }

        /** All parts of a bundle, e.g. {@link QuoteCollateralBundle#read(Path)}. */
        public Builder bundle(RawCollateral collateral) throws DcapVerificationException {
            tcbInfo(collateral.tcbInfo());
            qeIdentity(collateral.qeIdentity());
            Optional<byte[]> pck = collateral.pckCrlBytes();
            if (pck.isPresent()) {
                pckCrl(pck.get(), collateral.pckCrlIssuerChain());
            }
            Optional<byte[]> root = collateral.rootCaCrlBytes();
            if (root.isPresent()) {
                rootCaCrl(root.get());
            }
            return this;
        }

        /** A PCS {@code /tcb} response body and the PEM of its {@code TCB-Info-Issuer-Chain}. */
        public Builder tcbInfoResponse(Path body, Path issuerChainPem) throws DcapVerificationException {
            return tcbInfo(SignedJson.fromResponse(read(body), SignedJson.TCB_INFO, chain(issuerChainPem)));
        }

        /** A PCS {@code /qe/identity} response body and the PEM of its {@code SGX-Enclave-Identity-Issuer-Chain}. */
        public Builder qeIdentityResponse(Path body, Path issuerChainPem) throws DcapVerificationException {
            return qeIdentity(SignedJson.fromResponse(read(body), SignedJson.ENCLAVE_IDENTITY,
                    chain(issuerChainPem)));
        }

        public Builder pckCrl(Path crl) throws DcapVerificationException {
            return pckCrl(read(crl), List.of());
        }

        public Builder rootCaCrl(Path crl) throws DcapVerificationException {
            return rootCaCrl(read(crl));
        }

        public OfflineCollateralSource build() {
            return new OfflineCollateralSource(this);
        }

        private static byte[] read(Path file) throws DcapVerificationException {
            try {
                return Files.readAllBytes(file);
            } catch (IOException e) {
                throw unavailable("cannot read collateral file " + file.getFileName());
            }
        }

        private static List<X509Certificate> chain(Path pem) throws DcapVerificationException {
            try {
                return PemCertificates.parse(read(pem));
            } catch (CertificateException e) {
                throw new DcapVerificationException(Reason.COLLATERAL_INVALID, pem.getFileName()
                        + " is not a PEM certificate chain");
            }
        }
    }
}
