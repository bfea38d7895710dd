package dev.arca.snp.kds;

import dev.arca.snp.SnpVerificationException;
import dev.arca.snp.SnpVerificationException.Reason;
import dev.arca.snp.report.SigningKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * AMD certificates kept on disk, for air-gapped deployments and re-verification (docs/verifiers/amd.md "Offline
 * directory"). Layout, under the configured directory:
 * <pre>
 * vcek/{hwid hex}/{bl03_tee00_snp08_ucode115[_fmc00]}_vcek.der   a VCEK at one TCB (as Trustee's offline store)
 * vcek/{hwid hex}/vcek.der                                       a chip's VCEK whatever the TCB (the TCB is still matched)
 * {Milan|Genoa|Turin}/cert_chain.pem                             ASK‖ARK as the KDS serves it
 * {Milan|Genoa|Turin}/vlek_cert_chain.pem                        ASVK‖ARK
 * {Milan|Genoa|Turin}/crl.der, vlek_crl.der                      the ARK's CRLs
 * </pre>
 * Files are read on each call; the verified cache in front keeps what verified.
 */
public final class OfflineCertificateDirectory implements CertificateSource {

    private final Path directory;

    public OfflineCertificateDirectory(Path directory) {
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }

    @Override
    public byte[] fetch(KdsRequest request) throws SnpVerificationException {
        List<Path> candidates = switch (request) {
            case KdsRequest.Vcek vcek -> List.of(
                    directory.resolve("vcek").resolve(vcek.hwIdHex()).resolve(vcek.tcb().filePrefix() + "_vcek.der"),
                    directory.resolve("vcek").resolve(vcek.hwIdHex()).resolve("vcek.der"));
            case KdsRequest.CertChain chain -> List.of(directory.resolve(chain.generation().productName())
                    .resolve(chain.kind() == SigningKey.VCEK ? "cert_chain.pem" : "vlek_cert_chain.pem"));
            case KdsRequest.Crl crl -> List.of(directory.resolve(crl.generation().productName())
                    .resolve(crl.kind() == SigningKey.VCEK ? "crl.der" : "vlek_crl.der"));
        };
        for (Path candidate : candidates) {
            if (Files.isRegularFile(candidate)) {
                try {
                    return Files.readAllBytes(candidate);
                } catch (IOException e) {
                    throw new SnpVerificationException(Reason.CERTIFICATES_UNAVAILABLE, "cannot read "
                            + candidate + " (" + e.getClass().getSimpleName() + ")");
                }
            }
        }
        throw new SnpVerificationException(Reason.CERTIFICATES_UNAVAILABLE, "the offline AMD certificate directory "
                + directory + " has no " + candidates.getFirst().getFileName() + " for " + request.path());
    }
}
