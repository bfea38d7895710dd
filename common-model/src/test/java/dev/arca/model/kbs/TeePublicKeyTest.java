package dev.arca.model.kbs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.model.json.Json;
import org.junit.jupiter.api.Test;

class TeePublicKeyTest {

    static final String G_X = "axfR8uEsQkf4vOblY6RA8ncDfYEt6zOg9KE5RdiYwpY";
    static final String G_Y = "T-NC4v4af5uO5-tKfA-eFivOM1drMV7Oy7ZAaDe_UfU";

    @Test
    void parsesTheP256GeneratorPoint() {
        TeePublicKey key = TeePublicKey.parse(Json.tree(
                "{\"kty\":\"EC\",\"crv\":\"P-256\",\"alg\":\"ECDH-ES+A256KW\",\"x\":\"" + G_X + "\",\"y\":\"" + G_Y + "\"}"));
        assertThat(key).isInstanceOf(TeePublicKey.Ec.class);
        assertThat(key.alg()).isEqualTo("ECDH-ES+A256KW");
        assertThat(((TeePublicKey.Ec) key).publicKey().getW().getAffineX().intValue()).isNotZero();
    }

    @Test
    void rejectsAPointOffTheCurve() {
        // change a character in the middle: the last one of a 32-byte value carries two unused bits
        String badY = G_Y.substring(0, 10) + (G_Y.charAt(10) == 'A' ? 'B' : 'A') + G_Y.substring(11);
        assertThatThrownBy(() -> TeePublicKey.parse(Json.tree(
                "{\"kty\":\"EC\",\"crv\":\"P-256\",\"alg\":\"ECDH-ES+A256KW\",\"x\":\"" + G_X + "\",\"y\":\"" + badY + "\"}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a point");
    }

    @Test
    void rejectsShortCoordinatesUnknownCurvesAndKinds() {
        assertThatThrownBy(() -> TeePublicKey.parse(Json.tree(
                "{\"kty\":\"EC\",\"crv\":\"P-256\",\"alg\":\"ECDH-ES+A256KW\",\"x\":\"AQ\",\"y\":\"AQ\"}")))
                .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> TeePublicKey.parse(Json.tree(
                "{\"kty\":\"EC\",\"crv\":\"P-384\",\"alg\":\"ECDH-ES+A256KW\",\"x\":\"AQ\",\"y\":\"AQ\"}")))
                .hasMessageContaining("curve");
        assertThatThrownBy(() -> TeePublicKey.parse(Json.tree("{\"kty\":\"oct\",\"alg\":\"A256KW\"}")))
                .hasMessageContaining("kty");
        assertThatThrownBy(() -> TeePublicKey.parse(Json.tree("\"key\"")))
                .hasMessageContaining("object");
    }

    @Test
    void rejectsWeakRsaModulus() {
        assertThatThrownBy(() -> TeePublicKey.parse(Json.tree(
                "{\"kty\":\"RSA\",\"alg\":\"RSA-OAEP-256\",\"n\":\"AQAB\",\"e\":\"AQAB\"}")))
                .hasMessageContaining("2048");
    }
}
