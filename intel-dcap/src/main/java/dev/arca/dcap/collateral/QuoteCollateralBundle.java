package dev.arca.dcap.collateral;

import dev.arca.dcap.DcapVerificationException;
import dev.arca.dcap.DcapVerificationException.Reason;
import dev.arca.dcap.pck.PemCertificates;
import dev.arca.model.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Reads a per-quote collateral bundle in dcap-qvl's {@code QuoteCollateralV3} JSON format (Phala
 * dcap-qvl test data): {@code tcb_info} and {@code qe_identity} hold the raw signed JSON text,
 * {@code *_signature} hex r‖s, {@code pck_crl} and {@code root_ca_crl} hex DER, {@code *_issuer_chain} PEM.
 */
public final class QuoteCollateralBundle {

    private QuoteCollateralBundle() {
    }

    public static RawCollateral read(Path file) throws DcapVerificationException {
        try {
            return parse(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new DcapVerificationException(Reason.COLLATERAL_UNAVAILABLE, "cannot read collateral file "
                    + file.getFileName(), e);
        }
    }

    public static RawCollateral parse(byte[] json) throws DcapVerificationException {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(new String(json, StandardCharsets.UTF_8));
        } catch (JacksonException e) {
            throw invalid("collateral bundle is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw invalid("collateral bundle is not a JSON object");
        }
        SignedJson tcbInfo = SignedJson.of(text(root, "tcb_info").getBytes(StandardCharsets.UTF_8),
                text(root, "tcb_info_signature"), chain(root, "tcb_info_issuer_chain"));
        SignedJson qeIdentity = SignedJson.of(text(root, "qe_identity").getBytes(StandardCharsets.UTF_8),
                text(root, "qe_identity_signature"), chain(root, "qe_identity_issuer_chain"));
        byte[] pckCrl = root.has("pck_crl") ? hex(root, "pck_crl") : null;
        List<X509Certificate> pckCrlChain = root.has("pck_crl_issuer_chain")
                ? chain(root, "pck_crl_issuer_chain") : List.of();
        byte[] rootCrl = root.has("root_ca_crl") ? hex(root, "root_ca_crl") : null;
        return new RawCollateral(tcbInfo, qeIdentity, pckCrl, pckCrlChain, rootCrl);
    }

    private static String text(JsonNode root, String name) throws DcapVerificationException {
        JsonNode node = root.get(name);
        if (node == null || !node.isString()) {
            throw invalid("collateral bundle lacks '" + name + "'");
        }
        return node.stringValue();
    }

    private static byte[] hex(JsonNode root, String name) throws DcapVerificationException {
        try {
            return HexFormat.of().parseHex(text(root, name).toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw invalid("'" + name + "' is not hex");
        }
    }

    private static List<X509Certificate> chain(JsonNode root, String name) throws DcapVerificationException {
        try {
            return PemCertificates.parse(text(root, name));
        } catch (CertificateException e) {
            throw invalid("'" + name + "' is not a PEM certificate chain");
        }
    }

    private static DcapVerificationException invalid(String message) {
        return new DcapVerificationException(Reason.COLLATERAL_INVALID, message);
    }
}
