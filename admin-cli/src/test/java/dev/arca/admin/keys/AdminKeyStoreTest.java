package dev.arca.admin.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.admin.testing.MintedAdminToken;
import dev.arca.model.admin.PemKeys;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminKeyStoreTest {

    @TempDir
    Path dir;

    @Test
    void initCreatesAnOwnerOnlyP256Pkcs8KeyAndItsPublicKey() throws Exception {
        AdminKeyStore store = new AdminKeyStore(dir);

        AdminKeyStore.InitResult result = store.init();

        assertThat(result.createdPrivateKey()).isTrue();
        assertThat(result.privateKeyFile()).isEqualTo(dir.resolve("admin/admin-key.pem"));
        assertThat(result.publicKeyFile()).isEqualTo(dir.resolve("admin/admin-pub.pem"));
        assertThat(Files.readString(result.privateKeyFile())).startsWith("-----BEGIN PRIVATE KEY-----\n");
        ECPrivateKey key = (ECPrivateKey) PemKeys.readPrivateKey(result.privateKeyFile());
        assertThat(key.getParams().getCurve().getField().getFieldSize()).isEqualTo(256);
        assertThat(PemKeys.readPublicKeys(result.publicKeyFile())).singleElement().isInstanceOf(ECPublicKey.class);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(result.privateKeyFile())))
                    .isEqualTo("rw-------");
        }
    }

    @Test
    void initReusesExistingKeys() throws Exception {
        AdminKeyStore store = new AdminKeyStore(dir);
        store.init();
        String key = Files.readString(store.privateKeyFile());
        String pub = Files.readString(store.publicKeyFile());

        AdminKeyStore.InitResult again = store.init();

        assertThat(again.createdPrivateKey()).isFalse();
        assertThat(again.createdPublicKey()).isFalse();
        assertThat(Files.readString(store.privateKeyFile())).isEqualTo(key);
        assertThat(Files.readString(store.publicKeyFile())).isEqualTo(pub);
    }

    @Test
    void initRederivesAMissingPublicKey() throws Exception {
        AdminKeyStore store = new AdminKeyStore(dir);
        store.init();
        String pub = Files.readString(store.publicKeyFile());
        Files.delete(store.publicKeyFile());

        AdminKeyStore.InitResult again = store.init();

        assertThat(again.createdPublicKey()).isTrue();
        assertThat(Files.readString(store.publicKeyFile())).isEqualTo(pub);
    }

    @Test
    void aMismatchedPairIsRefused() throws Exception {
        AdminKeyStore store = new AdminKeyStore(dir);
        store.init();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        Files.writeString(store.publicKeyFile(), PemKeys.toPem(generator.generateKeyPair().getPublic()));

        assertThatThrownBy(store::load).isInstanceOf(AdminKeyException.class)
                .hasMessageContaining("is not the public key of");
        assertThatThrownBy(store::init).isInstanceOf(AdminKeyException.class);
    }

    @Test
    void signedTokenVerifiesWithTheAdminPublicKeyForFiveMinutes() throws Exception {
        AdminKeyStore store = new AdminKeyStore(dir);
        store.init();
        Instant now = Instant.parse("2026-11-26T12:00:00Z");
        String bearer = "Bearer " + store.load().signToken(Clock.fixed(now, ZoneOffset.UTC));

        MintedAdminToken token = MintedAdminToken.verify(bearer, store.publicKeyFile(), now.plusSeconds(299));

        assertThat(token).isEqualTo(new MintedAdminToken("arca-admin", "admin", now.plusSeconds(300)));
        assertThatThrownBy(() -> MintedAdminToken.verify(bearer, store.publicKeyFile(), now.plusSeconds(301)))
                .hasMessageContaining("expired");
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        assertThatThrownBy(() -> MintedAdminToken.verify(bearer, List.of(generator.generateKeyPair().getPublic()),
                now)).hasMessageContaining("not signed by a trusted admin key");
    }

    @Test
    void rsaPublicKeysCanBeDerivedToo() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        var pair = generator.generateKeyPair();

        assertThat(AdminKeyStore.derivePublicKey(pair.getPrivate())).isEqualTo(pair.getPublic());
    }
}
