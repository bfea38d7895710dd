package dev.arca.kbs.secret;

import dev.arca.model.resource.ResourcePath;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link SecretBackend} must do, whatever it stores in: each backend's test extends this class and hands
 * it an empty, writable backend. Read-only modes and failures have their own tests next to each backend.
 */
public abstract class SecretBackendContract {

    protected static final ResourcePath KEY = new ResourcePath("default", "key", "one");
    /** Every byte value, so no backend may treat a secret as text. */
    protected static final byte[] BINARY = new byte[256];

    static {
        for (int i = 0; i < BINARY.length; i++) {
            BINARY[i] = (byte) i;
        }
    }

    private SecretBackend backend;

    /** A backend holding no secret, that accepts writes. */
    protected abstract SecretBackend emptyWritableBackend() throws Exception;

    @BeforeEach
    void open() throws Exception {
        backend = emptyWritableBackend();
    }

    protected SecretBackend backend() {
        return backend;
    }

    @Test
    void anAbsentSecretIsEmpty() {
        assertThat(backend.get(KEY)).isEmpty();
        assertThat(backend.list("", 100)).isEmpty();
    }

    @Test
    void storedBytesComeBackUnchanged() {
        backend.put(KEY, BINARY);
        assertThat(backend.get(KEY)).hasValueSatisfying(value -> assertThat(value).isEqualTo(BINARY));
        assertThat(backend.writable()).isTrue();
    }

    @Test
    void anEmptySecretIsStoredAsEmpty() {
        backend.put(KEY, new byte[0]);
        assertThat(backend.get(KEY)).hasValueSatisfying(value -> assertThat(value).isEmpty());
    }

    @Test
    void putOverwrites() {
        backend.put(KEY, utf8("first"));
        backend.put(KEY, utf8("second, longer"));
        assertThat(backend.get(KEY)).hasValueSatisfying(value -> assertThat(value).isEqualTo(utf8("second, longer")));
        assertThat(backend.list("", 100)).hasSize(1);
    }

    @Test
    void deleteRemovesAndSaysWhetherTheSecretExisted() {
        backend.put(KEY, utf8("s3cret"));
        assertThat(backend.delete(KEY)).isTrue();
        assertThat(backend.get(KEY)).isEmpty();
        assertThat(backend.delete(KEY)).isFalse();
        assertThat(backend.list("", 100)).isEmpty();
    }

    @Test
    void pathsAreDistinctSecrets() {
        backend.put(new ResourcePath("a", "b", "c"), utf8("abc"));
        backend.put(new ResourcePath("a", "b", "cd"), utf8("abcd"));
        backend.put(new ResourcePath("a", "bc", "d"), utf8("a-bc-d"));
        assertThat(backend.get(new ResourcePath("a", "b", "c"))).hasValueSatisfying(v -> assertThat(v)
                .isEqualTo(utf8("abc")));
        assertThat(backend.get(new ResourcePath("a", "b", "cd"))).hasValueSatisfying(v -> assertThat(v)
                .isEqualTo(utf8("abcd")));
        assertThat(backend.get(new ResourcePath("a", "bc", "d"))).hasValueSatisfying(v -> assertThat(v)
                .isEqualTo(utf8("a-bc-d")));
        assertThat(backend.get(new ResourcePath("a", "b", "e"))).isEmpty();
    }

    @Test
    void listGivesMetadataInPathOrderByPrefixUpToTheLimit() {
        backend.put(new ResourcePath("tenant-b", "key", "x"), utf8("bx"));
        backend.put(new ResourcePath("tenant-a", "key", "y"), utf8("ay"));
        backend.put(new ResourcePath("tenant-a", "cert", "z"), utf8("az-longer"));
        backend.put(new ResourcePath("tenant-a", "key", "x"), utf8("ax"));

        List<SecretMetadata> all = backend.list("", 100);
        assertThat(all).extracting(SecretMetadata::resource)
                .containsExactly("tenant-a/cert/z", "tenant-a/key/x", "tenant-a/key/y", "tenant-b/key/x");
        assertThat(all).allSatisfy(entry -> {
            assertThat(entry.size() == null || entry.size() == utf8(valueOf(entry.resource())).length).isTrue();
            assertThat(entry.updatedAt()).isNotNull();
        });
        assertThat(backend.list("tenant-a/key/", 100)).extracting(SecretMetadata::resource)
                .containsExactly("tenant-a/key/x", "tenant-a/key/y");
        assertThat(backend.list("tenant-a/", 2)).extracting(SecretMetadata::resource)
                .containsExactly("tenant-a/cert/z", "tenant-a/key/x");
        assertThat(backend.list("nobody/", 100)).isEmpty();
    }

    private static String valueOf(String resource) {
        return switch (resource) {
            case "tenant-b/key/x" -> "bx";
            case "tenant-a/key/y" -> "ay";
            case "tenant-a/cert/z" -> "az-longer";
            default -> "ax";
        };
    }

    protected static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
