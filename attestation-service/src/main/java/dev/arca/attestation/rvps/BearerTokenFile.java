package dev.arca.attestation.rvps;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

/**
 * A bearer token kept in a file ({@code arca.as.rvps-token-file}), such as a Kubernetes projected service-account
 * token: read at startup (a missing file stops the service) and read again whenever the file changes, so rotated
 * tokens are picked up without a restart.
 */
public final class BearerTokenFile {

    private record Snapshot(FileTime modified, String token) {
    }

    private final Path file;
    private volatile Snapshot snapshot;

    public BearerTokenFile(Path file) {
        this.file = file;
        try {
            this.snapshot = read();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the RVPS token file " + file, e);
        }
    }

    /** The current token; an unreadable file is an {@link UncheckedIOException} (the RVPS call then fails). */
    public String token() {
        try {
            Snapshot current = snapshot;
            if (!Files.getLastModifiedTime(file).equals(current.modified())) {
                current = read();
                snapshot = current;
            }
            return current.token();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the RVPS token file " + file, e);
        }
    }

    private Snapshot read() throws IOException {
        FileTime modified = Files.getLastModifiedTime(file);
        String token = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (token.isEmpty() || token.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw new IOException("the token in " + file + " is empty or has characters a bearer token cannot have");
        }
        return new Snapshot(modified, token);
    }
}
