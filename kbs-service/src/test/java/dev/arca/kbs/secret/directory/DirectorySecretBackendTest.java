package dev.arca.kbs.secret.directory;

import dev.arca.kbs.secret.ReadOnlySecretBackendException;
import dev.arca.kbs.secret.SecretBackend;
import dev.arca.kbs.secret.SecretBackendContract;
import dev.arca.kbs.secret.SecretMetadata;
import dev.arca.kbs.error.KbsException;
import dev.arca.model.resource.ResourcePath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The directory backend: the contract read-write, and what a mounted Kubernetes Secret and a hostile tree bring. */
class DirectorySecretBackendTest extends SecretBackendContract {

    private static final long MAX = 1024;

    @TempDir
    Path dir;

    @Override
    protected SecretBackend emptyWritableBackend() {
        return new DirectorySecretBackend(dir.resolve("repository"), false, MAX);
    }

    @Test
    void writesLandAtRepoTypeTagAtomicallyAndOwnerOnly() throws Exception {
        backend().put(KEY, utf8("s3cret"));
        Path file = dir.resolve("repository/default/key/one");
        assertThat(Files.readAllBytes(file)).isEqualTo(utf8("s3cret"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        // the temporary file of the atomic rename is gone
        try (var entries = Files.list(file.getParent())) {
            assertThat(entries).containsExactly(file);
        }
    }

    @Test
    void aReadOnlyDirectoryServesButRefusesWritesWith405() throws Exception {
        Path root = Files.createDirectories(dir.resolve("ro/default/key"));
        Files.writeString(root.resolve("one"), "from the mount");
        DirectorySecretBackend readOnly = new DirectorySecretBackend(dir.resolve("ro"), true, MAX);

        assertThat(readOnly.writable()).isFalse();
        assertThat(readOnly.get(KEY)).hasValueSatisfying(v -> assertThat(v).isEqualTo(utf8("from the mount")));
        assertThatThrownBy(() -> readOnly.put(KEY, utf8("x"))).isInstanceOf(ReadOnlySecretBackendException.class)
                .satisfies(e -> assertThat(((KbsException) e).status()).isEqualTo(405))
                .hasMessageContaining("read-only").hasMessageNotContaining(dir.toString());
        assertThatThrownBy(() -> readOnly.delete(KEY)).isInstanceOf(ReadOnlySecretBackendException.class);
        assertThat(readOnly.get(KEY)).isPresent();
    }

    @Test
    void aMissingReadOnlyDirectoryStopsTheStart() {
        assertThatThrownBy(() -> new DirectorySecretBackend(dir.resolve("not-mounted"), true, MAX))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("arca.kbs.secrets.directory.path");
    }

    /**
     * kubelet's layout of a Secret volume: the keys are symlinks through {@code ..data}, itself a symlink to a
     * timestamped folder that an update replaces. Mounted per repository/type as the chart does.
     */
    @Test
    void aProjectedSecretVolumeIsReadThroughItsDataSymlinks() throws Exception {
        Path mount = Files.createDirectories(dir.resolve("secrets/default/db"));
        Path first = Files.createDirectories(mount.resolve("..2026_12_06_07_00_00.000000001"));
        Files.writeString(first.resolve("password"), "v1");
        Files.createSymbolicLink(mount.resolve("..data"), first.getFileName());
        Files.createSymbolicLink(mount.resolve("password"), Path.of("..data/password"));
        DirectorySecretBackend secrets = new DirectorySecretBackend(dir.resolve("secrets"), true, MAX);
        ResourcePath password = new ResourcePath("default", "db", "password");

        assertThat(secrets.get(password)).hasValueSatisfying(v -> assertThat(v).isEqualTo(utf8("v1")));
        assertThat(secrets.list("", 10)).extracting(SecretMetadata::resource).containsExactly("default/db/password");

        // kubectl apply of a new value: a new folder, then ..data swapped over to it
        Path second = Files.createDirectories(mount.resolve("..2026_12_06_08_00_00.000000002"));
        Files.writeString(second.resolve("password"), "v2");
        Path swap = mount.resolve("..data_tmp");
        Files.createSymbolicLink(swap, second.getFileName());
        Files.move(swap, mount.resolve("..data"), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThat(secrets.get(password)).hasValueSatisfying(v -> assertThat(v).isEqualTo(utf8("v2")));
    }

    @Test
    void aLinkLeadingOutOfTheRepositoryIsNotReleased() throws Exception {
        Path outside = Files.writeString(dir.resolve("outside-secret"), "not yours");
        Path type = Files.createDirectories(dir.resolve("repo/default/key"));
        Files.createSymbolicLink(type.resolve("one"), outside);
        Files.createSymbolicLink(dir.resolve("repo/evil"), dir);
        DirectorySecretBackend secrets = new DirectorySecretBackend(dir.resolve("repo"), true, MAX);

        assertThat(secrets.get(KEY)).isEmpty();
        assertThat(secrets.get(new ResourcePath("evil", "outside-secret", "x"))).isEmpty();
        assertThat(secrets.list("", 100)).isEmpty();
    }

    @Test
    void hiddenFilesAndFoldersAreNeverSecrets() throws Exception {
        Path type = Files.createDirectories(dir.resolve("repo/default/key"));
        Files.writeString(type.resolve(".one.tmp-123"), "half written");
        Files.writeString(Files.createDirectories(dir.resolve("repo/.git/x")).resolve("y"), "metadata");
        Files.writeString(type.resolve("ok"), "fine");
        DirectorySecretBackend secrets = new DirectorySecretBackend(dir.resolve("repo"), true, MAX);

        assertThat(secrets.list("", 100)).extracting(SecretMetadata::resource).containsExactly("default/key/ok");
    }

    @Test
    void aFileLargerThanTheLargestSecretIsRefusedNotRead() throws Exception {
        Path type = Files.createDirectories(dir.resolve("repo/default/key"));
        Files.write(type.resolve("one"), new byte[(int) MAX + 1]);
        Files.write(type.resolve("max"), new byte[(int) MAX]);
        DirectorySecretBackend secrets = new DirectorySecretBackend(dir.resolve("repo"), true, MAX);

        assertThatThrownBy(() -> secrets.get(KEY)).isInstanceOf(KbsException.class)
                .satisfies(e -> assertThat(((KbsException) e).status()).isEqualTo(500))
                .hasMessageContaining("larger than the largest allowed secret");
        assertThat(secrets.get(new ResourcePath("default", "key", "max"))).hasValueSatisfying(v ->
                assertThat(v).hasSize((int) MAX));
    }

    @Test
    void aFolderWhereASecretShouldBeIsNoSecret() throws Exception {
        Files.createDirectories(dir.resolve("repo/default/key/one"));
        DirectorySecretBackend secrets = new DirectorySecretBackend(dir.resolve("repo"), true, MAX);
        assertThat(secrets.get(KEY)).isEmpty();
        assertThat(secrets.list("", 100)).isEmpty();
    }
}
