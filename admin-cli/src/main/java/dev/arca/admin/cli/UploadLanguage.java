package dev.arca.admin.cli;

import dev.arca.model.policy.PolicyType;
import dev.arca.rego.RegoEngine;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The {@code type} a policy upload declares, as kbs-client declares {@code "rego"} for its Rego uploads: a {@code .rego}
 * file is Rego and a {@code .cel} file CEL; any other file (or standard input) is Rego when its text is a module (it
 * starts with its {@code package} clause, the services' own test), else CEL. The services then compile it in that
 * language only, so a mistake is reported in the language the admin meant.
 */
final class UploadLanguage {
    private UploadLanguage() {
    }

    static PolicyType of(Path file, String text) {
        String name = file == null || file.getFileName() == null ? ""
                : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".rego")) {
            return PolicyType.REGO;
        }
        if (name.endsWith(".cel")) {
            return PolicyType.CEL;
        }
        return RegoEngine.isModuleText(text) ? PolicyType.REGO : PolicyType.CEL;
    }
}
