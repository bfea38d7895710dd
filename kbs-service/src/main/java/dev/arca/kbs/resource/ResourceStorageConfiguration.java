package dev.arca.kbs.resource;

import dev.arca.kbs.config.ArcaProperties;
import dev.arca.kbs.config.KbsProperties;
import java.io.IOException;
import java.nio.file.Path;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The KEK: {@code arca.kbs.kek-file} if set (must exist), else {@code ${arca.data-dir}/kek}, generated once; and the
 * KEK being rotated out, {@code arca.kbs.kek-previous-file} (must exist when set).
 */
@Configuration(proxyBeanMethods = false)
public class ResourceStorageConfiguration {

    @Bean
    public KeyEncryptionKey keyEncryptionKey(ArcaProperties arca, KbsProperties kbs) throws IOException {
        Path configured = kbs.kekFile();
        return configured != null
                ? KeyEncryptionKey.load(configured, false)
                : KeyEncryptionKey.load(arca.dataDir().resolve("kek"), true);
    }

    @Bean
    public SecretCipher secretCipher(KeyEncryptionKey kek, KbsProperties kbs) throws IOException {
        KeyEncryptionKey previous = kbs.kekPreviousFile() == null ? null
                : KeyEncryptionKey.load(kbs.kekPreviousFile(), false);
        return new SecretCipher(kek, previous);
    }
}
