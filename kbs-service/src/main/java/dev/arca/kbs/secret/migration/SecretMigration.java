package dev.arca.kbs.secret.migration;

import dev.arca.kbs.secret.SecretBackend;
import dev.arca.kbs.secret.SecretMetadata;
import dev.arca.model.resource.ResourcePath;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Copies every secret of one backend into another (docs/secret-backends.md "Migrating"). Idempotent: a secret the
 * target already holds with the same bytes is left alone, so a run can be repeated, or resumed after a failure, and
 * the second run copies nothing. A dry run reads both sides and writes nothing. Secrets in the target that the source
 * does not have are kept. Only paths are reported, never a value.
 */
public final class SecretMigration {

    /** What a run did (or, dry, would do). */
    public record Report(int total, int copied, int unchanged, boolean dryRun) {
    }

    private SecretMigration() {
    }

    /**
     * @param progress receives one line per secret copied (or to be copied), naming its path
     */
    public static Report copy(SecretBackend from, SecretBackend to, boolean dryRun, Consumer<String> progress) {
        if (!dryRun && !to.writable()) {
            throw new IllegalStateException("the target " + to.name() + " backend is read-only: nothing can be "
                    + "copied into it");
        }
        int total = 0;
        int copied = 0;
        int unchanged = 0;
        for (SecretMetadata entry : from.list("", Integer.MAX_VALUE)) {
            ResourcePath path = ResourcePath.parse(entry.resource());
            Optional<byte[]> value = from.get(path);
            if (value.isEmpty()) {
                // deleted while we were copying
                continue;
            }
            total++;
            byte[] secret = value.get();
            Optional<byte[]> existing = to.get(path);
            try {
                if (existing.isPresent() && Arrays.equals(existing.get(), secret)) {
                    unchanged++;
                    continue;
                }
                if (!dryRun) {
                    to.put(path, secret);
                }
                copied++;
                progress.accept((dryRun ? "would copy " : "copied ") + path
                        + (existing.isPresent() ? " (replacing a different value)" : ""));
            } finally {
                Arrays.fill(secret, (byte) 0);
                existing.ifPresent(bytes -> Arrays.fill(bytes, (byte) 0));
            }
        }
        return new Report(total, copied, unchanged, dryRun);
    }
}
