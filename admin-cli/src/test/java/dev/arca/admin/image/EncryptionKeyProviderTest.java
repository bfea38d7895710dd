package dev.arca.admin.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.admin.image.grpc.KeyProviderServiceGrpc;
import dev.arca.admin.image.grpc.keyProviderKeyWrapProtocolInput;
import dev.arca.model.image.AnnotationPacket;
import dev.arca.model.image.ByteEncoding;
import dev.arca.model.image.KeyProviderInput;
import dev.arca.model.image.KeyProviderOutput;
import dev.arca.model.json.Json;
import dev.arca.model.resource.ResourcePath;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tenant's encryption key provider: ocicrypt's keywrap request in Go's spelling and in ocicrypt-rs's, answered in
 * the same spelling with an annotation packet that opens under the key it put in the KBS; in cmd form and over gRPC.
 */
class EncryptionKeyProviderTest {

    private static final ResourcePath PATH = ResourcePath.parse("tenant/image-kek/app");
    private static final byte[] OPTS = "{\"symkey\":\"AAAA\",\"digest\":\"sha256:00\",\"cipheroptions\":{}}"
            .getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private final InMemoryKekRegistry kbs = new InMemoryKekRegistry();

    private EncryptionKeyProvider provider() {
        return new EncryptionKeyProvider(new KekStore(dir), kbs);
    }

    /** What Go's ocicrypt sends: every byte field base64, the parameter text base64 in ec.Parameters. */
    static byte[] goRequest(String parameter, byte[] optsData) {
        return new KeyProviderInput(KeyProviderInput.Operation.WRAP,
                Map.of("attestation-agent", List.of(parameter.getBytes(StandardCharsets.UTF_8))), optsData,
                ByteEncoding.BASE64).toJson(ByteEncoding.BASE64);
    }

    /** What ocicrypt-rs sends for keywrap: ec.Parameters base64, optsdata the options' JSON text itself. */
    static byte[] rustRequest(String parameter, byte[] optsData) {
        var root = Json.MAPPER.createObjectNode();
        root.put("op", "keywrap");
        var wrap = root.putObject("keywrapparams");
        var ec = wrap.putObject("ec");
        ec.putObject("Parameters").putArray("attestation-agent")
                .add(Base64.getEncoder().encodeToString(parameter.getBytes(StandardCharsets.UTF_8)));
        ec.putObject("DecryptConfig").putObject("Parameters");
        wrap.put("optsdata", new String(optsData, StandardCharsets.UTF_8));
        root.putObject("keyunwrapparams").putNull("dc").putNull("annotation");
        return Json.writeBytes(root);
    }

    @Test
    void wrapsUnderAKeyItStoresInTheKbsAndAnswersInTheCallersSpelling() throws Exception {
        EncryptionKeyProvider provider = provider();
        byte[] goAnswer = provider.handle(goRequest("keyid=kbs:///tenant/image-kek/app", OPTS));
        assertThat(Json.MAPPER.readTree(goAnswer).at("/keywrapresults/annotation").isString()).isTrue();
        ByteEncoding.Field annotation = KeyProviderOutput.readWrapped(goAnswer);
        AnnotationPacket packet = AnnotationPacket.parse(annotation.value());
        assertThat(packet.kid().toString()).isEqualTo("kbs:///tenant/image-kek/app");
        assertThat(packet.wrapType()).isEqualTo("A256GCM");
        assertThat(packet.iv()).hasSize(12);
        byte[] kek = kbs.stored.get(PATH);
        assertThat(kek).hasSize(32);
        assertThat(packet.open(kek)).isEqualTo(OPTS);
        // the tenant keeps its copy, readable only by itself
        assertThat(Files.readAllBytes(dir.resolve("image-keys/tenant/image-kek/app"))).isEqualTo(kek);

        // ocicrypt-rs: raw JSON optsdata in, number arrays out; same key (no second KBS write), CTR on request
        byte[] rustAnswer = provider.handle(rustRequest("keyid=kbs:///tenant/image-kek/app::algorithm=A256CTR", OPTS));
        assertThat(Json.MAPPER.readTree(rustAnswer).at("/keywrapresults/annotation").isArray()).isTrue();
        AnnotationPacket ctr = AnnotationPacket.parse(KeyProviderOutput.readWrapped(rustAnswer).value());
        assertThat(ctr.wrapType()).isEqualTo("A256CTR");
        assertThat(ctr.open(kek)).isEqualTo(OPTS);
        assertThat(kbs.stores).hasValue(1);

        // another process (cmd mode runs one per layer) finds the same key in DIR/image-keys
        byte[] again = new EncryptionKeyProvider(new KekStore(dir), kbs)
                .handle(goRequest("keyid=kbs:///tenant/image-kek/app", OPTS));
        assertThat(AnnotationPacket.parse(KeyProviderOutput.readWrapped(again).value()).open(kek)).isEqualTo(OPTS);
    }

    @Test
    void neverWritesOverAResourceTheKbsHoldsAndItDoesNotKnow() throws Exception {
        kbs.stored.put(PATH, new byte[32]);
        assertThatThrownBy(() -> provider().handle(goRequest("keyid=kbs:///tenant/image-kek/app", OPTS)))
                .hasMessageContaining("already holds kbs:///tenant/image-kek/app").hasMessageContaining("new keyid");
        Path own = Files.write(dir.resolve("own.key"), new byte[32]);
        assertThatThrownBy(() -> provider().handle(goRequest("keyid=kbs:///tenant/image-kek/app::keypath=" + own,
                OPTS))).hasMessageContaining("already holds");
        assertThat(kbs.stores).hasValue(0);

        // the tenant's own key goes to a path the KBS does not hold, and is kept for the next layers
        byte[] ownKey = new byte[32];
        ownKey[31] = 9;
        Files.write(own, ownKey);
        byte[] answer = provider().handle(goRequest("keyid=kbs:///tenant/image-kek/own::keypath=" + own, OPTS));
        assertThat(AnnotationPacket.parse(KeyProviderOutput.readWrapped(answer).value()).open(ownKey)).isEqualTo(OPTS);
        assertThat(kbs.stored.get(ResourcePath.parse("tenant/image-kek/own"))).isEqualTo(ownKey);
        Files.write(own, new byte[32]);
        assertThatThrownBy(() -> provider().handle(goRequest("keyid=kbs:///tenant/image-kek/own::keypath=" + own,
                OPTS))).hasMessageContaining("holds a different key");
    }

    @Test
    void badRequestsSayWhatIsWrong() {
        EncryptionKeyProvider provider = provider();
        assertThatThrownBy(() -> provider.handle(goRequest("algorithm=A256GCM", OPTS)))
                .hasMessageContaining("keyid=kbs:///repo/type/tag is required");
        assertThatThrownBy(() -> provider.handle(goRequest("keyid=kbs:///a/../b", OPTS)))
                .hasMessageContaining("keyid:");
        assertThatThrownBy(() -> provider.handle(goRequest("keyid=kbs:///a/b/c::algorithm=A128CBC", OPTS)))
                .hasMessageContaining("not A256GCM or A256CTR");
        assertThatThrownBy(() -> provider.handle(goRequest("sample=true", OPTS)))
                .hasMessageContaining("sample=true");
        assertThatThrownBy(() -> provider.handle(goRequest("keyid=kbs:///a/b/c::keypath=" + dir.resolve("none"),
                OPTS))).hasMessageContaining("cannot read the key-encryption key");
        byte[] unwrap = new KeyProviderInput(KeyProviderInput.Operation.UNWRAP, Map.of(), OPTS, ByteEncoding.BASE64)
                .toJson(ByteEncoding.BASE64);
        assertThatThrownBy(() -> provider.handle(unwrap)).hasMessageContaining("guest's");
        assertThat(kbs.stores).hasValue(0);
    }

    @Test
    void servesOcicryptsGrpcKeyProviderService() throws Exception {
        try (KeyProviderGrpcServer server = KeyProviderGrpcServer.start(new InetSocketAddress("127.0.0.1", 0),
                provider())) {
            ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
            try {
                var stub = KeyProviderServiceGrpc.newBlockingStub(channel);
                var answer = stub.wrapKey(keyProviderKeyWrapProtocolInput.newBuilder()
                        .setKeyProviderKeyWrapProtocolInput(com.google.protobuf.ByteString.copyFrom(
                                goRequest("keyid=kbs:///tenant/image-kek/app", OPTS))).build());
                byte[] annotation = KeyProviderOutput.readWrapped(
                        answer.getKeyProviderKeyWrapProtocolOutput().toByteArray()).value();
                assertThat(AnnotationPacket.parse(annotation).open(kbs.stored.get(PATH))).isEqualTo(OPTS);

                assertThatThrownBy(() -> stub.wrapKey(keyProviderKeyWrapProtocolInput.newBuilder()
                        .setKeyProviderKeyWrapProtocolInput(com.google.protobuf.ByteString.copyFromUtf8("{}")).build()))
                        .isInstanceOf(StatusRuntimeException.class).hasMessageContaining("INVALID_ARGUMENT");
                assertThatThrownBy(() -> stub.unWrapKey(keyProviderKeyWrapProtocolInput.getDefaultInstance()))
                        .isInstanceOf(StatusRuntimeException.class).hasMessageContaining("UNIMPLEMENTED");
            } finally {
                channel.shutdownNow();
            }
        }
    }
}
