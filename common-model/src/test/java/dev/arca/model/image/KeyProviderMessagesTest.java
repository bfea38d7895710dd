package dev.arca.model.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.model.json.Json;
import dev.arca.model.resource.ResourceUri;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The key-provider codec reads Go's and ocicrypt-rs's spellings and writes the one asked for. */
class KeyProviderMessagesTest {

    @Test
    void readsGoBase64RustArraysAndRustJsonText() throws Exception {
        String go = "{\"op\":\"keywrap\",\"keywrapparams\":{\"ec\":{\"Parameters\":{\"attestation-agent\":"
                + "[\"a2V5aWQ9a2JzOi8vL2EvYi9j\"]},\"DecryptConfig\":{\"Parameters\":null}},\"optsdata\":\"e30=\"},"
                + "\"keyunwrapparams\":{\"dc\":null,\"annotation\":null}}";
        KeyProviderInput fromGo = KeyProviderInput.parse(go.getBytes(StandardCharsets.UTF_8));
        assertThat(fromGo.operation()).isEqualTo(KeyProviderInput.Operation.WRAP);
        assertThat(fromGo.parameterText("attestation-agent")).isEqualTo("keyid=kbs:///a/b/c");
        assertThat(fromGo.payload()).isEqualTo("{}".getBytes(StandardCharsets.UTF_8));
        assertThat(fromGo.answerEncoding()).isEqualTo(ByteEncoding.BASE64);

        KeyProviderInput fromRustText = KeyProviderInput.parse(go.replace("\"e30=\"", "\"{}\"")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(fromRustText.payload()).isEqualTo("{}".getBytes(StandardCharsets.UTF_8));
        assertThat(fromRustText.answerEncoding()).isEqualTo(ByteEncoding.NUMBER_ARRAY);

        KeyProviderInput fromRustArray = KeyProviderInput.parse(("{\"op\":\"keyunwrap\",\"keyunwrapparams\":"
                + "{\"dc\":{\"Parameters\":{}},\"annotation\":[123,125]}}").getBytes(StandardCharsets.UTF_8));
        assertThat(fromRustArray.payload()).isEqualTo("{}".getBytes(StandardCharsets.UTF_8));
        assertThat(fromRustArray.answerEncoding()).isEqualTo(ByteEncoding.NUMBER_ARRAY);

        assertThat(Json.tree(new String(KeyProviderOutput.unwrapped(new byte[] {1, (byte) 255},
                ByteEncoding.NUMBER_ARRAY), StandardCharsets.UTF_8)).toString())
                .isEqualTo("{\"keyunwrapresults\":{\"optsdata\":[1,255]}}");
        assertThat(new String(KeyProviderOutput.wrapped(new byte[] {1, (byte) 255}, ByteEncoding.BASE64),
                StandardCharsets.UTF_8)).isEqualTo("{\"keywrapresults\":{\"annotation\":\"Af8=\"}}");
    }

    @Test
    void refusesWhatIsNotAMessage() {
        assertThatThrownBy(() -> KeyProviderInput.parse(("{\"op\":\"keyunwrap\",\"keyunwrapparams\":{\"annotation\":"
                + "[1,256]}}").getBytes(StandardCharsets.UTF_8))).hasMessageContaining("not a byte");
        assertThatThrownBy(() -> KeyProviderInput.parse(("{\"op\":\"keyunwrap\",\"keyunwrapparams\":{\"annotation\":"
                + "true}}").getBytes(StandardCharsets.UTF_8))).hasMessageContaining("neither a base64 string");
        assertThatThrownBy(() -> KeyProviderInput.parse("{\"op\":\"delete\"}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("neither keywrap nor keyunwrap");
        assertThatThrownBy(() -> KeyProviderInput.parse(new byte[KeyProviderInput.MAX_BYTES + 1]))
                .hasMessageContaining("exceeds");
    }

    @Test
    void sealedPacketsOpenOnlyUnderTheirKey() throws Exception {
        byte[] kek = new byte[32];
        kek[0] = 7;
        byte[] opts = "{\"symkey\":\"x\"}".getBytes(StandardCharsets.UTF_8);
        for (AnnotationPacket.WrapType type : AnnotationPacket.WrapType.values()) {
            AnnotationPacket sealed = AnnotationPacket.seal(ResourceUri.parse("kbs:///a/b/c"), kek, opts, type);
            AnnotationPacket read = AnnotationPacket.parse(sealed.toJson());
            assertThat(read.open(kek)).isEqualTo(opts);
            assertThat(read.kid().toString()).isEqualTo("kbs:///a/b/c");
        }
        AnnotationPacket gcm = AnnotationPacket.seal(ResourceUri.parse("kbs:///a/b/c"), kek, opts,
                AnnotationPacket.WrapType.A256GCM);
        assertThatThrownBy(() -> gcm.open(new byte[32])).hasMessageContaining("wrong key or tampered");
    }
}
