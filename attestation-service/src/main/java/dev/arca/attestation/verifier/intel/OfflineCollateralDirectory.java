package dev.arca.attestation.verifier.intel;

import dev.arca.dcap.DcapVerificationException;
import dev.arca.dcap.DcapVerificationException.Reason;
import dev.arca.dcap.collateral.CollateralRequest;
import dev.arca.dcap.collateral.OfflineCollateralSource;
import dev.arca.dcap.collateral.QuoteCollateralBundle;
import dev.arca.dcap.collateral.RawCollateral;
import dev.arca.dcap.collateral.SignedJson;
import dev.arca.dcap.pck.Certificates;
import dev.arca.dcap.pck.PemCertificates;
import dev.arca.dcap.trust.Crls;
import dev.arca.dcap.trust.IntelRootCa;
import dev.arca.model.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.cert.CertificateException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.bouncycastle.asn1.x500.X500Name;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Intel collateral from the folder {@code intel} of {@code arca.as.collateral.offline-dir}, for air-gapped sites and
 * audits. The
 * files are read into intel-dcap's {@link OfflineCollateralSource}, which indexes documents by what they say they
 * are and serves the newest match; every answer is still verified by intel-dcap. Files, by name:
 * <ul>
 *   <li>{@code *.json}: a collateral bundle in dcap-qvl's {@code QuoteCollateralV3} format (what the AS stores per
 *       platform), or a PCS response body of {@code /tcb} ({@code {"tcbInfo": …}}) or
 *       {@code /qe/identity} ({@code {"enclaveIdentity": …}}), whose issuer chain (PCS header
 *       {@code TCB-Info-Issuer-Chain} / {@code SGX-Enclave-Identity-Issuer-Chain}, URL-decoded) is the PEM file
 *       {@code <name>.chain.pem} beside it, else {@value #SHARED_CHAIN};</li>
 *   <li>{@code *.der}, {@code *.crl}, or {@code *.pem} holding an X509 CRL: the Root CA CRL (issuer "Intel SGX Root
 *       CA") or a PCK CRL (issuer the PCK Platform or Processor CA; its chain, optional, in
 *       {@code <name>.chain.pem});</li>
 *   <li>other {@code *.pem} files are issuer chains; other files are ignored.</li>
 * </ul>
 * The directory is re-read when a file's size or modification time changed (checked by {@link IntelDcap} once per
 * {@code arca.as.collateral.refresh-interval}); a change that does not read keeps the previous documents (and is
 * logged). A folder that does not exist (yet) holds no documents: an offline site for another vendor's TEEs needs
 * no Intel folder, and Intel evidence is then refused as "collateral unavailable" until the folder is filled.
 */
final class OfflineCollateralDirectory implements IntelCollateralSource {

    static final String SHARED_CHAIN = "issuer-chain.pem";
    private static final String CHAIN_SUFFIX = ".chain.pem";
    private static final Logger log = LoggerFactory.getLogger(OfflineCollateralDirectory.class);

    private record FileStamp(String name, long size, FileTime modified) {
    }

    private record Snapshot(List<FileStamp> files, OfflineCollateralSource source) {
    }

    private final Path dir;
    private final long maxFileSize;
    private volatile Snapshot snapshot;

    /**
     * Reads the directory now.
     *
     * @throws IllegalStateException when the directory or one of its collateral files cannot be read: the service
     *                               does not start with collateral it cannot use
     */
    OfflineCollateralDirectory(Path dir, long maxFileSize) {
        this.dir = dir;
        this.maxFileSize = maxFileSize;
        if (Files.notExists(dir)) {
            log.warn("offline Intel collateral {} does not exist: Intel evidence is refused until it holds "
                    + "collateral", dir.toAbsolutePath());
        }
        try {
            this.snapshot = load(stamps());
        } catch (IOException | DcapVerificationException e) {
            throw new IllegalStateException("offline Intel collateral " + dir.toAbsolutePath() + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public RawCollateral fetch(CollateralRequest request) throws DcapVerificationException {
        return snapshot.source().fetch(request);
    }

    /**
     * Re-reads the directory when its files changed.
     *
     * @return true when new documents replaced the previous ones (verified collateral must then be dropped)
     */
    @Override
    public synchronized boolean replacedSinceServed() {
        try {
            List<FileStamp> files = stamps();
            if (files.equals(snapshot.files())) {
                return false;
            }
            snapshot = load(files);
            log.info("offline Intel collateral {} changed: re-read", dir);
            return true;
        } catch (IOException | DcapVerificationException e) {
            log.warn("offline Intel collateral {} changed but cannot be read ({}); keeping the previous documents",
                    dir, e.getMessage());
            return false;
        }
    }

    private List<FileStamp> stamps() throws IOException {
        if (Files.notExists(dir)) {
            return List.of();
        }
        if (!Files.isDirectory(dir)) {
            throw new IOException("not a directory");
        }
        List<FileStamp> files = new ArrayList<>();
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path file : entries.filter(Files::isRegularFile).sorted().toList()) {
                files.add(new FileStamp(file.getFileName().toString(), Files.size(file),
                        Files.getLastModifiedTime(file)));
            }
        }
        return files;
    }

    private Snapshot load(List<FileStamp> files) throws IOException, DcapVerificationException {
        OfflineCollateralSource.Builder builder = OfflineCollateralSource.builder();
        List<byte[]> rootCrls = new ArrayList<>();
        int documents = 0;
        for (FileStamp stamp : files) {
            String name = stamp.name();
            try {
                if (name.endsWith(".json")) {
                    json(name, read(name), builder, rootCrls);
                } else if (name.endsWith(".der") || name.endsWith(".crl")) {
                    crl(name, read(name), builder, rootCrls);
                } else if (name.endsWith(".pem")) {
                    byte[] pem = read(name);
                    if (new String(pem, StandardCharsets.US_ASCII).contains("-----BEGIN X509 CRL-----")) {
                        crl(name, pem, builder, rootCrls);
                    } else {
                        continue;
                    }
                } else {
                    log.debug("offline Intel collateral: ignoring {}", name);
                    continue;
                }
                documents++;
            } catch (DcapVerificationException e) {
                throw new DcapVerificationException(e.reason(), name + ": " + e.getMessage(), e);
            }
        }
        byte[] newestRoot = newest(rootCrls);
        if (newestRoot != null) {
            builder.rootCaCrl(newestRoot);
        }
        log.info("offline Intel collateral {}: {} files read", dir.toAbsolutePath(), documents);
        return new Snapshot(files, builder.build());
    }

    private void json(String name, byte[] body, OfflineCollateralSource.Builder builder, List<byte[]> rootCrls)
            throws IOException, DcapVerificationException {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (JacksonException e) {
            throw invalid("not JSON");
        }
        if (root == null || !root.isObject()) {
            throw invalid("not a JSON object");
        }
        if (root.has("tcb_info")) {
            RawCollateral bundle = QuoteCollateralBundle.parse(body);
            builder.tcbInfo(bundle.tcbInfo()).qeIdentity(bundle.qeIdentity());
            if (bundle.pckCrlBytes().isPresent()) {
                builder.pckCrl(bundle.pckCrlBytes().get(), bundle.pckCrlIssuerChain());
            }
            bundle.rootCaCrlBytes().ifPresent(rootCrls::add);
        } else if (root.has(SignedJson.TCB_INFO)) {
            builder.tcbInfo(SignedJson.fromResponse(body, SignedJson.TCB_INFO, requiredChain(name)));
        } else if (root.has(SignedJson.ENCLAVE_IDENTITY)) {
            builder.qeIdentity(SignedJson.fromResponse(body, SignedJson.ENCLAVE_IDENTITY, requiredChain(name)));
        } else {
            throw invalid("neither a collateral bundle nor a PCS TCB Info or QE Identity response");
        }
    }

    private void crl(String name, byte[] crl, OfflineCollateralSource.Builder builder, List<byte[]> rootCrls)
            throws IOException, DcapVerificationException {
        X509CRL decoded = Crls.decode(crl);
        String issuer = Certificates.commonName(X500Name.getInstance(decoded.getIssuerX500Principal().getEncoded()))
                .orElse("");
        if (IntelRootCa.COMMON_NAME.equals(issuer)) {
            rootCrls.add(crl);
        } else {
            Path chain = dir.resolve(stem(name) + CHAIN_SUFFIX);
            builder.pckCrl(crl, Files.isRegularFile(chain) ? chain(chain) : List.of());
        }
    }

    /** The Root CA CRL with the latest thisUpdate. */
    private static byte[] newest(List<byte[]> crls) throws DcapVerificationException {
        byte[] newest = null;
        X509CRL newestDecoded = null;
        for (byte[] crl : crls) {
            X509CRL decoded = Crls.decode(crl);
            if (newestDecoded == null || decoded.getThisUpdate().after(newestDecoded.getThisUpdate())) {
                newest = crl;
                newestDecoded = decoded;
            }
        }
        return newest;
    }

    private List<X509Certificate> requiredChain(String name) throws IOException, DcapVerificationException {
        Path own = dir.resolve(stem(name) + CHAIN_SUFFIX);
        Path shared = dir.resolve(SHARED_CHAIN);
        if (Files.isRegularFile(own)) {
            return chain(own);
        }
        if (Files.isRegularFile(shared)) {
            return chain(shared);
        }
        throw invalid("a PCS response needs its issuer chain in " + stem(name) + CHAIN_SUFFIX + " or "
                + SHARED_CHAIN);
    }

    private List<X509Certificate> chain(Path pem) throws IOException, DcapVerificationException {
        try {
            List<X509Certificate> chain = PemCertificates.parse(readFile(pem));
            if (chain.isEmpty()) {
                throw invalid(pem.getFileName() + " holds no certificate");
            }
            return chain;
        } catch (CertificateException e) {
            throw invalid(pem.getFileName() + " is not a PEM certificate chain");
        }
    }

    private byte[] read(String name) throws IOException {
        return readFile(dir.resolve(name));
    }

    private byte[] readFile(Path file) throws IOException {
        if (Files.size(file) > maxFileSize) {
            throw new IOException(file.getFileName() + " is larger than " + maxFileSize + " bytes");
        }
        return Files.readAllBytes(file);
    }

    private static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }

    private static DcapVerificationException invalid(String message) {
        return new DcapVerificationException(Reason.COLLATERAL_INVALID, message);
    }

    /** For logs and startup messages. */
    @Override
    public String toString() {
        return "offline Intel collateral " + dir.toAbsolutePath();
    }
}
