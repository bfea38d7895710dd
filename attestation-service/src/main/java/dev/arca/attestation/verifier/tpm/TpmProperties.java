package dev.arca.attestation.verifier.tpm;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Trust in the attestation keys of plain TPM evidence (docs/verifiers/azure-tpm.md "Configuration"). A quote proves
 * only that its AK signed it, so the {@code tpm} verifier refuses an AK unless one of these vouches for it.
 *
 * @param akRoots          PEM files of the roots an AK certificate (evidence member {@code ak_certs}) must chain to
 * @param trustedAkSha256  hex SHA-256 of the SubjectPublicKeyInfo DER of AKs enrolled out of band (the
 *                         {@code ak_digest} claim names it)
 * @param acceptUnknownAks accept AKs neither certified nor listed, as upstream's TPM verifier does (claim
 *                         {@code ak_trust: none}; the default policy then grants no hardware trust unless the
 *                         reference value {@code trusted_aks} lists the key); off by default
 */
@ConfigurationProperties("arca.as.tpm")
public record TpmProperties(
        @DefaultValue List<Path> akRoots,
        @DefaultValue Set<String> trustedAkSha256,
        @DefaultValue("false") boolean acceptUnknownAks) {
}
