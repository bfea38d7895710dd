package dev.arca.agent.keyprovider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.model.json.Json;
import dev.arca.model.resource.ResourceUri;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** The ocicrypt key-provider unwrap protocol (guest-components IMAGE_ENCRYPTION.md) with real AES wrapping. */
class LayerKeyUnwrapperTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    static byte[] random(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** What an image encryptor puts in the layer annotation: the layer key wrapped under the KBS key. */
    static String annotation(String kid, byte[] kek, byte[] layerKey, String wrapType, String extra)
            throws Exception {
        byte[] iv;
        byte[] wrapped;
        if ("A256GCM".equals(wrapType)) {
            iv = random(12);
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(kek, "AES"), new GCMParameterSpec(128, iv));
            wrapped = gcm.doFinal(layerKey);
        } else {
            iv = random(16);
            Cipher ctr = Cipher.getInstance("AES/CTR/NoPadding");
            ctr.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(kek, "AES"), new IvParameterSpec(iv));
            wrapped = ctr.doFinal(layerKey);
        }
        Base64.Encoder b64 = Base64.getEncoder();
        String packet = "{\"kid\":\"" + kid + "\",\"wrapped_data\":\"" + b64.encodeToString(wrapped)
                + "\",\"iv\":\"" + b64.encodeToString(iv) + "\",\"wrap_type\":\"" + wrapType + "\"" + extra + "}";
        return b64.encodeToString(packet.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] input(String annotation) {
        ObjectNode input = Json.MAPPER.createObjectNode();
        input.put("op", "keyunwrap");
        input.putObject("keywrapparams");
        ObjectNode unwrap = input.putObject("keyunwrapparams");
        unwrap.putNull("dc");
        unwrap.put("annotation", annotation);
        return Json.writeBytes(input);
    }

    @Test
    void unwrapsGcmAndCtrLayerKeysWithTheKbsKey() throws Exception {
        byte[] kek = random(32);
        byte[] layerKey = random(32);
        List<ResourceUri> fetched = new ArrayList<>();
        LayerKeyUnwrapper unwrapper = new LayerKeyUnwrapper(uri -> {
            fetched.add(uri);
            return kek;
        });

        for (String wrapType : new String[] {"A256GCM", "A256CTR"}) {
            byte[] output = unwrapper.handle(input(annotation("kbs:///default/image-kek/1", kek, layerKey, wrapType,
                    "")));
            assertThat(Base64.getDecoder().decode(Json.MAPPER.readTree(output).at("/keyunwrapresults/optsdata")
                    .asString())).isEqualTo(layerKey);
        }
        assertThat(fetched).extracting(ResourceUri::toString).containsOnly("kbs:///default/image-kek/1");
        // a v2 packet naming the kbs provider explicitly, with a host in the kid (ignored for fetching)
        byte[] v2 = unwrapper.handle(input(annotation("kbs://kbs.example:8080/default/image-kek/1", kek, layerKey,
                "A256GCM", ",\"version\":\"0.1.0\",\"provider\":\"kbs\",\"provider_settings\":{}")));
        assertThat(Json.MAPPER.readTree(v2).at("/keyunwrapresults/optsdata").asString())
                .isEqualTo(Base64.getEncoder().encodeToString(layerKey));
    }

    /**
     * Go's ocicrypt sends and reads {@code []byte} as base64; ocicrypt-rs (serde {@code Vec<u8>}) as JSON arrays of
     * numbers and reads only arrays: the answer follows the request, or the --answer-bytes choice.
     */
    @Test
    void answersEachCallerInTheSpellingItsRequestUsed() throws Exception {
        byte[] kek = random(32);
        byte[] optsData = "{\"symkey\":\"c2VjcmV0\",\"digest\":\"sha256:00\",\"cipheroptions\":{}}"
                .getBytes(StandardCharsets.UTF_8);
        LayerKeyUnwrapper unwrapper = new LayerKeyUnwrapper(uri -> kek);
        String annotationB64 = annotation("kbs:///default/image-kek/1", kek, optsData, "A256GCM", "");
        byte[] packet = Base64.getDecoder().decode(annotationB64);

        // Go style: "annotation": base64 → "optsdata": base64
        var goAnswer = Json.MAPPER.readTree(unwrapper.handle(input(annotationB64)));
        assertThat(goAnswer.at("/keyunwrapresults/optsdata").isString()).isTrue();
        assertThat(Base64.getDecoder().decode(goAnswer.at("/keyunwrapresults/optsdata").asString()))
                .isEqualTo(optsData);

        // serde style: "annotation": [123, 34, ...] → "optsdata": [..numbers..]
        ObjectNode rs = Json.MAPPER.createObjectNode();
        rs.put("op", "keyunwrap");
        rs.putObject("keywrapparams").putNull("ec").putNull("optsdata");
        ObjectNode params = rs.putObject("keyunwrapparams");
        params.putObject("dc").putObject("Parameters").putArray("attestation-agent").add("c2FtcGxl");
        var numbers = params.putArray("annotation");
        for (byte b : packet) {
            numbers.add(b & 0xff);
        }
        var rsAnswer = Json.MAPPER.readTree(unwrapper.handle(Json.writeBytes(rs)));
        assertThat(rsAnswer.at("/keyunwrapresults/optsdata").isArray()).isTrue();
        byte[] fromArray = new byte[rsAnswer.at("/keyunwrapresults/optsdata").size()];
        for (int i = 0; i < fromArray.length; i++) {
            fromArray[i] = (byte) rsAnswer.at("/keyunwrapresults/optsdata").get(i).asInt();
        }
        assertThat(fromArray).isEqualTo(optsData);

        // a forced spelling wins over the request's (ocicrypt-rs's base64 annotation looks like Go's)
        var forced = Json.MAPPER.readTree(new LayerKeyUnwrapper(uri -> kek,
                dev.arca.model.image.ByteEncoding.NUMBER_ARRAY).handle(input(annotationB64)));
        assertThat(forced.at("/keyunwrapresults/optsdata").isArray()).isTrue();
    }

    @Test
    void aWrongKeyOrTamperedPacketIsRefused() throws Exception {
        byte[] kek = random(32);
        String annotation = annotation("kbs:///default/image-kek/1", kek, random(32), "A256GCM", "");
        assertThatThrownBy(() -> new LayerKeyUnwrapper(uri -> random(32)).handle(input(annotation)))
                .hasMessageContaining("wrong key or tampered");
        assertThatThrownBy(() -> new LayerKeyUnwrapper(uri -> new byte[16]).handle(input(annotation)))
                .hasMessageContaining("not an AES-256 key");
    }

    @Test
    void malformedRequestsSayWhatIsWrong() throws Exception {
        LayerKeyUnwrapper unwrapper = new LayerKeyUnwrapper(uri -> random(32));
        byte[] kek = random(32);
        assertThatThrownBy(() -> unwrapper.handle("{\"op\":\"keywrap\",\"keywrapparams\":{\"optsdata\":\"AAAA\"}}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("only unwraps");
        assertThatThrownBy(() -> unwrapper.handle("[]".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> unwrapper.handle("{\"op\":\"keyunwrap\",\"keyunwrapparams\":{}}"
                .getBytes(StandardCharsets.UTF_8))).hasMessageContaining("annotation is missing");
        assertThatThrownBy(() -> unwrapper.handle(input("%%%"))).hasMessageContaining("not base64");
        assertThatThrownBy(() -> unwrapper.handle(input(annotation("http://x/y", kek, random(32), "A256GCM", ""))))
                .hasMessageContaining("not a KBS resource URI");
        assertThatThrownBy(() -> unwrapper.handle(input(annotation("kbs:///a/b/c", kek, random(32), "A256GCM",
                ",\"provider\":\"aliyun\"")))).hasMessageContaining("'aliyun' is not supported");
        assertThatThrownBy(() -> unwrapper.handle(input(annotation("kbs:///a/b/c", kek, random(32), "A128CBC",
                "")))).hasMessageContaining("is not A256GCM or A256CTR");
    }
}
