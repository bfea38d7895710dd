package dev.arca.attestation.verifier.intel;

import dev.arca.attestation.collateral.CollateralCodec;
import dev.arca.attestation.collateral.CollateralException;
import dev.arca.attestation.collateral.CollateralException.Reason;
import dev.arca.dcap.DcapVerificationException;
import dev.arca.dcap.collateral.CollateralParser;
import dev.arca.dcap.collateral.QuoteCollateralBundle;
import dev.arca.dcap.collateral.RawCollateral;
import dev.arca.dcap.collateral.SignedJson;
import dev.arca.dcap.trust.Crls;
import dev.arca.model.json.Json;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * Intel collateral in the AS collateral chain (kind {@code intel-collateral}): a stored body is one platform's TCB
 * Info, QE Identity, PCK CRL and Root CA CRL in dcap-qvl's {@code QuoteCollateralV3} JSON (the format of Phala
 * dcap-qvl's test data, read by intel-dcap's {@link QuoteCollateralBundle}), so a database row and a bundle file of
 * the offline directory are the same format. The signed TCB Info and QE Identity texts are kept byte for byte: their
 * signatures cover the exact bytes served (Intel PCS API v4). A fetched document is due again at the earliest
 * nextUpdate of its parts, or {@code refresh-after} after it was fetched, whichever comes first.
 */
final class IntelCollateralCodec implements CollateralCodec<IntelCollateralKey, RawCollateral> {

    static final String KIND = "intel-collateral";

    private final Duration refreshAfter;

    IntelCollateralCodec(Duration refreshAfter) {
        this.refreshAfter = refreshAfter;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String keyText(IntelCollateralKey key) {
        return key.text();
    }

    @Override
    public byte[] encode(RawCollateral value) throws CollateralException {
        return bundle(value);
    }

    @Override
    public RawCollateral decode(byte[] body) throws CollateralException {
        try {
            return QuoteCollateralBundle.parse(body);
        } catch (DcapVerificationException e) {
            throw new CollateralException(Reason.INVALID, "not an Intel collateral bundle: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<Instant> nextUpdate(RawCollateral value, Instant fetchedAt) throws CollateralException {
        Instant refresh = fetchedAt.plus(refreshAfter);
        try {
            Instant nextUpdate = nextUpdate(value);
            return Optional.of(nextUpdate.isBefore(refresh) ? nextUpdate : refresh);
        } catch (DcapVerificationException e) {
            throw new CollateralException(Reason.INVALID, "unreadable Intel collateral: " + e.getMessage(), e);
        }
    }

    /**
     * The bundle JSON of collateral fetched from a PCS.
     *
     * @throws CollateralException INVALID when a signed text is not UTF-8 (it could not be kept byte for byte in
     *                             JSON) or a certificate cannot be encoded
     */
    private static byte[] bundle(RawCollateral raw) throws CollateralException {
        ObjectNode bundle = Json.MAPPER.createObjectNode();
        put(bundle, "tcb_info", raw.tcbInfo());
        put(bundle, "qe_identity", raw.qeIdentity());
        raw.pckCrlBytes().ifPresent(crl -> bundle.put("pck_crl", HexFormat.of().formatHex(crl)));
        if (!raw.pckCrlIssuerChain().isEmpty()) {
            bundle.put("pck_crl_issuer_chain", pem(raw.pckCrlIssuerChain()));
        }
        raw.rootCaCrlBytes().ifPresent(crl -> bundle.put("root_ca_crl", HexFormat.of().formatHex(crl)));
        return Json.MAPPER.writeValueAsBytes(bundle);
    }

    private static void put(ObjectNode bundle, String name, SignedJson signed) throws CollateralException {
        try {
            bundle.put(name, StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(signed.signedBytes()))
                    .toString());
        } catch (CharacterCodingException e) {
            throw new CollateralException(Reason.INVALID, name + " is not UTF-8 text");
        }
        bundle.put(name + "_signature", HexFormat.of().formatHex(signed.signature()));
        bundle.put(name + "_issuer_chain", pem(signed.issuerChain()));
    }

    private static String pem(List<X509Certificate> chain) throws CollateralException {
        StringBuilder pem = new StringBuilder();
        Base64.Encoder base64 = Base64.getMimeEncoder(64, new byte[] {'\n'});
        for (X509Certificate certificate : chain) {
            try {
                pem.append("-----BEGIN CERTIFICATE-----\n")
                        .append(base64.encodeToString(certificate.getEncoded()))
                        .append("\n-----END CERTIFICATE-----\n");
            } catch (CertificateEncodingException e) {
                throw new CollateralException(Reason.INVALID, "an issuer certificate cannot be encoded");
            }
        }
        return pem.toString();
    }

    /** The earliest nextUpdate of TCB Info, QE Identity and the CRLs (a CRL without one does not count). */
    private static Instant nextUpdate(RawCollateral raw) throws DcapVerificationException {
        List<Instant> due = new ArrayList<>();
        due.add(CollateralParser.tcbInfo(raw.tcbInfo().signedBytes()).nextUpdate());
        due.add(CollateralParser.qeIdentity(raw.qeIdentity().signedBytes()).nextUpdate());
        for (Optional<byte[]> crl : List.of(raw.pckCrlBytes(), raw.rootCaCrlBytes())) {
            if (crl.isPresent()) {
                X509CRL decoded = Crls.decode(crl.get());
                if (decoded.getNextUpdate() != null) {
                    due.add(decoded.getNextUpdate().toInstant());
                }
            }
        }
        return due.stream().min(Comparator.naturalOrder()).orElseThrow();
    }
}
