package dev.arca.attestation.token;

import dev.arca.attestation.config.ArcaProperties;
import dev.arca.attestation.config.AsProperties;
import dev.arca.model.admin.PemKeys;
import dev.arca.model.keys.PrivateKeyFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Where the token signing key comes from: {@code arca.as.token.signing-key-file} when set;
 * otherwise {@code ${arca.data-dir}/token-signing-key.pem}, generated on first start and reused afterwards, so tokens
 * stay verifiable across restarts (upstream uses a fresh key per start, Trustee attestation_token.md). With
 * {@code arca.as.token.certificate-chain-file} the key carries its certificate chain ({@code x5c}).
 */
@Configuration(proxyBeanMethods = false)
public class TokenSigningKeyConfiguration {

    static final String GENERATED_KEY_FILE = "token-signing-key.pem";
    private static final Logger log = LoggerFactory.getLogger(TokenSigningKeyConfiguration.class);

    @Bean
    TokenSigningKey tokenSigningKey(AsProperties as, ArcaProperties arca) throws IOException {
        TokenSigningKey key = key(as, arca);
        Path chain = as.token().certificateChainFile();
        return chain == null ? key : withChain(key, chain);
    }

    private static TokenSigningKey key(AsProperties as, ArcaProperties arca) throws IOException {
        Path configured = as.token().signingKeyFile();
        if (configured != null) {
            return read(configured);
        }
        Path generated = arca.dataDir().resolve(GENERATED_KEY_FILE);
        if (!Files.exists(generated)) {
            generate(generated);
        }
        return read(generated);
    }

    /** The chain is checked at startup: a chain for another key would make every token unverifiable. */
    static TokenSigningKey withChain(TokenSigningKey key, Path file) throws IOException {
        List<X509Certificate> chain = readCertificates(file);
        TokenSigningKey withChain = key.withCertificateChain(chain);
        X509Certificate leaf = chain.getFirst();
        try {
            leaf.checkValidity();
        } catch (CertificateException e) {
            log.warn("the token certificate {} is not valid now ({}); relying parties will refuse its tokens",
                    leaf.getSubjectX500Principal().getName(), e.getMessage());
        }
        log.info("EAR token key {} is certified by {} ({} certificates) from {}", key.keyId(),
                leaf.getSubjectX500Principal().getName(), chain.size(), file);
        return withChain;
    }

    static List<X509Certificate> readCertificates(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> out = new ArrayList<>();
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                out.add((X509Certificate) certificate);
            }
            if (out.isEmpty()) {
                throw new IllegalArgumentException("no certificate in the token certificate chain file " + file);
            }
            return out;
        } catch (CertificateException e) {
            throw new IllegalArgumentException("the token certificate chain file " + file
                    + " is not PEM X.509 certificates: " + e.getMessage(), e);
        }
    }

    static TokenSigningKey read(Path file) throws IOException {
        PrivateKey key = PemKeys.readPrivateKey(file);
        if (!(key instanceof ECPrivateKey ec)) {
            throw new IllegalArgumentException("token signing key " + file + " is not an EC (P-256) key");
        }
        TokenSigningKey signingKey = TokenSigningKey.of(ec);
        log.info("EAR tokens are signed with key {} from {}", signingKey.keyId(), file);
        return signingKey;
    }

    /** Created once, owner-only, never half-written (common-model's {@link PrivateKeyFile}). */
    static void generate(Path file) throws IOException {
        if (PrivateKeyFile.writeOnce(file, PrivateKeyFile.newP256().getPrivate())) {
            log.info("generated a new EAR token signing key in {}", file);
        } else {
            log.info("token signing key {} appeared meanwhile; using it", file);
        }
    }
}
