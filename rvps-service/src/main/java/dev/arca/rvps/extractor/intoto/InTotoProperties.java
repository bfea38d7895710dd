package dev.arca.rvps.extractor.intoto;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The in-toto extractor's configuration (docs/rvps.md, "in-toto").
 *
 * @param trustedLayoutKeys the project owners' public keys: PEM files (RSA, EC P-256/P-384, Ed25519; several keys per
 *                          file allowed) or securesystemslib JSON key files. A root layout is accepted only when one
 *                          of these keys signed it; keys that come with a message are never trusted. None configured:
 *                          every in-toto message is refused.
 * @param namePrefix        prefix of the reference values' names; a product {@code foo.tar.gz} becomes
 *                          {@code <prefix>foo.tar.gz}
 * @param ignoreInspections layouts with inspections are refused, because Arca never runs inspection commands; true
 *                          verifies such layouts without their inspections (logged as a warning)
 */
@ConfigurationProperties("arca.rvps.in-toto")
public record InTotoProperties(
        List<Path> trustedLayoutKeys,
        @DefaultValue("in-toto/") String namePrefix,
        @DefaultValue("false") boolean ignoreInspections) {

    public InTotoProperties {
        trustedLayoutKeys = trustedLayoutKeys == null ? List.of() : List.copyOf(trustedLayoutKeys);
        namePrefix = namePrefix == null ? "" : namePrefix;
    }
}
