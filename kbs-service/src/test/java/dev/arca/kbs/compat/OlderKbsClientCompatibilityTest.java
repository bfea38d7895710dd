package dev.arca.kbs.compat;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.arca.kbs.testing.KbsHttp;
import dev.arca.kbs.testing.KbsInstance;
import dev.arca.kbs.testing.TestEnvironment;
import dev.arca.model.admin.AdminJwk;
import dev.arca.model.admin.PemKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Older upstream kbs-client versions sign admin tokens without a {@code role} claim: an Ed25519 key
 * ({@code --auth-private-key}, jwt-simple {@code Ed25519KeyPair}), header {@code {"alg":"EdDSA","typ":"JWT"}}, claims
 * from {@code Claims::create(Duration::from_hours(2))} — {@code iat}, {@code nbf}, {@code exp} and nothing else (Trustee
 * tools/kbs-client/src/lib.rs up to v0.17). Arca refuses such a token unless {@code arca.admin.default-roles} names the
 * key that signed it; then it gets that role, and only that key's tokens do.
 */
class OlderKbsClientCompatibilityTest {

    @TempDir
    static Path dir;

    static KeyPair olderClient;
    static KeyPair otherAdmin;
    static KbsInstance kbs;
    static KbsInstance byDefault;

    @BeforeAll
    static void start() throws Exception {
        olderClient = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        otherAdmin = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Path olderPem = Files.writeString(dir.resolve("older-kbs-client.pub"), PemKeys.toPem(olderClient.getPublic()));
        Path otherPem = Files.writeString(dir.resolve("other-admin.pub"), PemKeys.toPem(otherAdmin.getPublic()));
        String keys = TestEnvironment.ADMIN_PUBLIC_KEY + "," + olderPem + "," + otherPem;

        Map<String, Object> configured = KbsInstance.baseProperties(dir.resolve("configured"));
        configured.put("arca.admin.public-key-files", keys);
        configured.put("arca.admin.default-roles[0].public-key-file", olderPem.toString());
        configured.put("arca.admin.default-roles[0].role", "admin");
        kbs = KbsInstance.start(configured, null);

        Map<String, Object> plain = KbsInstance.baseProperties(dir.resolve("plain"));
        plain.put("arca.admin.public-key-files", keys);
        byDefault = KbsInstance.start(plain, null);
    }

    @AfterAll
    static void stop() {
        if (kbs != null) {
            kbs.close();
        }
        if (byDefault != null) {
            byDefault.close();
        }
    }

    /** The token an older kbs-client sends: Ed25519, no role, two hours. */
    static String olderKbsClientToken(KeyPair key) throws Exception {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issueTime(Date.from(now)).notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofHours(2)))).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.EdDSA).type(JOSEObjectType.JWT).build(),
                claims);
        jwt.sign(AdminJwk.signer(key.getPrivate(), key.getPublic()));
        return "Bearer " + jwt.serialize();
    }

    /** {@code kbs-client config set-resource}: POST the bytes as application/octet-stream. */
    static KbsHttp.Answer setResource(KbsInstance instance, String path, String authorization) {
        return instance.http().post("/kbs/v0/resource/" + path, "older".getBytes(StandardCharsets.UTF_8),
                "Content-Type", "application/octet-stream", "Authorization", authorization);
    }

    @Test
    void aRolelessTokenIsRefusedByDefault() throws Exception {
        assertThat(setResource(byDefault, "compat/older/refused", olderKbsClientToken(olderClient)).status())
                .isEqualTo(401);
    }

    @Test
    void theConfiguredKeysRolelessTokenGetsItsDefaultRole() throws Exception {
        String token = olderKbsClientToken(olderClient);
        assertThat(setResource(kbs, "compat/older/accepted", token).status()).isEqualTo(200);
        // the role is the admin role: the whole admin API, e.g. kbs-client's resource listing
        KbsHttp.Answer listed = kbs.http().get("/kbs/v0/resource", "Authorization", token);
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body()).contains("compat/older/accepted");
    }

    @Test
    void otherKeysAreUnaffected() throws Exception {
        // another trusted admin key: its role-less token is still refused
        assertThat(setResource(kbs, "compat/older/other", olderKbsClientToken(otherAdmin)).status()).isEqualTo(401);
        // tokens with a role work as before, whichever key signed them
        assertThat(setResource(kbs, "compat/older/with-role", TestEnvironment.adminBearer("admin")).status())
                .isEqualTo(200);
        assertThat(setResource(kbs, "compat/older/reader", TestEnvironment.adminBearer("reader")).status())
                .isEqualTo(403);
    }
}
