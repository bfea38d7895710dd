package dev.arca.model.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ResourcePathTest {

    @ParameterizedTest
    @ValueSource(strings = {"default/key/1", "a/b/file.txt", "a-b/c_d/a..b", "R/T/T-9"})
    void acceptsValidPaths(String path) {
        assertThat(ResourcePath.parse(path).toString()).isEqualTo(path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/b", "a/b/c/d", "a/b/c/", "../b/c", "a/./c", "a/b/.hidden", "a/b/c%2F", "a/b/ü",
            "a b/c/d", "/a/b", "a//b"})
    void rejectsInvalidPaths(String path) {
        assertThatThrownBy(() -> ResourcePath.parse(path)).isInstanceOf(InvalidResourcePathException.class);
    }

    @Test
    void resourceUriMapsToTheKbsPath() {
        ResourceUri uri = ResourceUri.parse("kbs:///default/key/1");
        assertThat(uri.plugin()).isEqualTo("resource");
        assertThat(uri.httpPath()).isEqualTo("/kbs/v0/resource/default/key/1");
        assertThat(uri.toString()).isEqualTo("kbs:///default/key/1");
        assertThat(ResourceUri.parse("kbs://kbs.example:8080/a/b/c").httpPath()).isEqualTo("/kbs/v0/resource/a/b/c");
    }

    @Test
    void pluginUriKeepsItsQuery() {
        ResourceUri uri = ResourceUri.parse("kbs+pkcs11://host/slot/key1?mode=wrap");
        assertThat(uri.plugin()).isEqualTo("pkcs11");
        assertThat(uri.httpPath()).isEqualTo("/kbs/v0/pkcs11/slot/key1?mode=wrap");
        assertThat(uri.toString()).isEqualTo("kbs+pkcs11:///slot/key1?mode=wrap");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http:///a/b/c", "kbs:///a/b", "kbs:///a/../c", "kbs://", "default/key/1"})
    void rejectsBadUris(String uri) {
        assertThatThrownBy(() -> ResourceUri.parse(uri)).isInstanceOf(InvalidResourcePathException.class);
    }
}
