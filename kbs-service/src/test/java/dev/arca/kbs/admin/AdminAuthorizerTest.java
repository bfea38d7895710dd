package dev.arca.kbs.admin;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.arca.kbs.config.ArcaProperties;
import dev.arca.kbs.error.KbsException;
import dev.arca.kbs.testing.TestEnvironment;
import dev.arca.kbs.testing.TestProperties;
import dev.arca.kbs.upstream.UpstreamHttp;
import dev.arca.model.admin.AdminIdentity;
import dev.arca.model.admin.PemKeys;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Admin modes, keys (PEM, JWKS; Ed25519, ES256, RS256), the role claim and path ACLs (Trustee KBS admin.md). */
@ExtendWith(OutputCaptureExtension.class)
class AdminAuthorizerTest {

    final UpstreamHttp http = new UpstreamHttp(TestProperties.kbs("http://127.0.0.1:9", Duration.ofSeconds(2)));

    @TempDir
    Path dir;

    static HttpServletRequest request(String method, String path, String authorization) {
        return (HttpServletRequest) Proxy.newProxyInstance(AdminAuthorizerTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "getHeader" -> "Authorization".equalsIgnoreCase((String) args[0]) ? authorization : null;
                    case "getRequestURI" -> path;
                    case "getMethod" -> method;
                    default -> null;
                });
    }

    static HttpServletRequest request(String authorization) {
        return request("POST", "/kbs/v0/resource-policy", authorization);
    }

    AdminAuthorizer authorizer(ArcaProperties.Admin admin) throws Exception {
        return new AdminAuthorizer(new ArcaProperties(dir, admin), http, Clock.systemUTC());
    }

    static ArcaProperties.Admin admin(AdminMode mode, List<Path> keys, URI jwks, Map<String, List<String>> acl) {
        return new ArcaProperties.Admin(mode, keys, jwks, "admin", acl, null, null);
    }

    static void assertStatus(AdminAuthorizer authorizer, HttpServletRequest request, int status, String detail) {
        assertThatThrownBy(() -> authorizer.authorize(request)).isInstanceOfSatisfying(KbsException.class, e -> {
            assertThat(e.status()).isEqualTo(status);
            assertThat(e.getMessage()).contains(detail);
        });
    }

    static String token(JWSHeader header, com.nimbusds.jose.JWSSigner signer, String role, Instant exp)
            throws Exception {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject("ops").expirationTime(Date.from(exp));
        if (role != null) {
            claims.claim("role", role);
        }
        SignedJWT jwt = new SignedJWT(header, claims.build());
        jwt.sign(signer);
        return "Bearer " + jwt.serialize();
    }

    @Test
    void withoutConfiguredKeysEveryAdminCallIsRefused() throws Exception {
        AdminAuthorizer closed = authorizer(ArcaProperties.Admin.withKeys(List.of(), "admin"));
        assertStatus(closed, request(TestEnvironment.adminBearer("admin")), 401, "admin API is disabled");
    }

    @Test
    void noCredentialsIs401AndTheWrongRoleIs403() throws Exception {
        AdminAuthorizer operators = authorizer(ArcaProperties.Admin.withKeys(
                List.of(TestEnvironment.ADMIN_PUBLIC_KEY), "operator"));
        assertThat(operators.authorize(request(TestEnvironment.adminBearer("operator"))).subject())
                .isEqualTo("test-admin");
        assertStatus(operators, request(TestEnvironment.adminBearer("admin")), 403, "Role admin not allowed");
        assertStatus(operators, request(null), 401, "Failed to parse HTTP Auth Bearer header");
        assertStatus(operators, request("Basic YWRtaW46YWRtaW4="), 401, "Failed to parse HTTP Auth Bearer header");
        assertStatus(operators, request(TestEnvironment.strangerBearer()), 401, "Cannot verify token");
    }

    @Test
    void pathAclsDecidePerRoleAndMethod() throws Exception {
        AdminAuthorizer acl = authorizer(admin(AdminMode.AUTHENTICATED, List.of(TestEnvironment.ADMIN_PUBLIC_KEY),
                null, Map.of(
                        "auditor", List.of("GET /kbs/v0/admin/audit"),
                        "tenant-a", List.of("* /kbs/v0/resource/tenant-a/.*", "get /kbs/v0/admin/resources"))));
        String auditor = TestEnvironment.adminBearer("auditor");
        String tenant = TestEnvironment.adminBearer("tenant-a");
        assertThat(acl.authorize(request("GET", "/kbs/v0/admin/audit", auditor)).role()).isEqualTo("auditor");
        assertStatus(acl, request("DELETE", "/kbs/v0/admin/audit", auditor), 403, "Role auditor not allowed");
        assertStatus(acl, request("GET", "/kbs/v0/admin/audit/x", auditor), 403, "not allowed");
        assertThat(acl.authorize(request("POST", "/kbs/v0/resource/tenant-a/key/k1", tenant)).role())
                .isEqualTo("tenant-a");
        assertStatus(acl, request("POST", "/kbs/v0/resource/tenant-b/key/k1", tenant), 403, "not allowed");
        // a traversal cannot sneak past a prefix rule: admin paths must be plain
        assertStatus(acl, request("POST", "/kbs/v0/resource/tenant-a/../tenant-b/k1", tenant), 400, "plain");
        assertStatus(acl, request("POST", "/kbs/v0/resource/tenant-a/key%2F..%2Fx/k1", tenant), 400, "plain");
        // the superuser role keeps full access when the ACL does not restrict it; unknown roles get nothing
        assertThat(acl.authorize(request("DELETE", "/kbs/v0/admin/resource-policies/p", TestEnvironment.adminBearer(
                "admin"))).role()).isEqualTo("admin");
        assertStatus(acl, request("GET", "/kbs/v0/admin/audit", TestEnvironment.adminBearer("viewer")), 403,
                "Role viewer not allowed");
    }

    @Test
    void malformedAclRulesStopTheStart() {
        for (String rule : List.of("GET", "FETCH /kbs/.*", "GET kbs/.*", "GET /kbs/[")) {
            assertThatThrownBy(() -> authorizer(admin(AdminMode.AUTHENTICATED, List.of(), null,
                    Map.of("r", List.of(rule))))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("arca.admin.acl.r");
        }
    }

    @Test
    void denyAllRefusesEvenAValidAdmin() throws Exception {
        AdminAuthorizer deny = authorizer(admin(AdminMode.DENY_ALL, List.of(TestEnvironment.ADMIN_PUBLIC_KEY), null,
                Map.of()));
        assertStatus(deny, request(TestEnvironment.adminBearer("admin")), 403, "deny-all");
        assertStatus(deny, request(null), 403, "deny-all");
    }

    @Test
    void insecureAllowAllAllowsAnythingAndSaysSoLoudly(CapturedOutput output) throws Exception {
        AdminAuthorizer open = authorizer(admin(AdminMode.INSECURE_ALLOW_ALL, List.of(), null, Map.of()));
        assertThat(output.getOut()).contains("INSECURE: arca.admin.mode=insecure-allow-all");
        AdminIdentity anonymous = open.authorize(request("DELETE", "/kbs/v0/resource/a/b/c", null));
        assertThat(anonymous.subject()).isEqualTo("anonymous");
        open.authorize(request("GET", "/kbs/v0/admin/audit", null));
        assertThat(output.getOut()).contains("INSECURE: admin call DELETE /kbs/v0/resource/a/b/c allowed")
                .contains("INSECURE: admin call GET /kbs/v0/admin/audit allowed");
    }

    @Test
    void ed25519AndRs256KeysFromPemFilesAndTheRoleClaimIsRequired() throws Exception {
        java.security.KeyPair edPair = java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] x = edPair.getPublic().getEncoded();
        byte[] d = edPair.getPrivate().getEncoded();
        OctetKeyPair ed = new OctetKeyPair.Builder(Curve.Ed25519,
                com.nimbusds.jose.util.Base64URL.encode(java.util.Arrays.copyOfRange(x, x.length - 32, x.length)))
                .d(com.nimbusds.jose.util.Base64URL.encode(java.util.Arrays.copyOfRange(d, d.length - 32, d.length)))
                .build();
        RSAKey rsa = new RSAKeyGenerator(2048).generate();
        Path edPem = Files.writeString(dir.resolve("ed.pem"), PemKeys.toPem(edPair.getPublic()));
        Path rsaPem = Files.writeString(dir.resolve("rsa.pem"), PemKeys.toPem(rsa.toPublicKey()));
        AdminAuthorizer keys = authorizer(ArcaProperties.Admin.withKeys(List.of(edPem, rsaPem), "admin"));
        Instant exp = Instant.now().plusSeconds(300);
        // upstream-minted tokens say EdDSA; Arca's signer says Ed25519: both verify
        assertThat(keys.authorize(request(token(new JWSHeader(JWSAlgorithm.EdDSA), new Ed25519Signer(ed), "admin",
                exp))).role()).isEqualTo("admin");
        assertThat(keys.authorize(request(token(new JWSHeader(JWSAlgorithm.Ed25519), new Ed25519Signer(ed), "admin",
                exp))).role()).isEqualTo("admin");
        assertThat(keys.authorize(request(token(new JWSHeader(JWSAlgorithm.RS256), new RSASSASigner(rsa), "admin",
                exp))).role()).isEqualTo("admin");
        assertStatus(keys, request(token(new JWSHeader(JWSAlgorithm.RS256), new RSASSASigner(rsa), null, exp)), 401,
                "Missing required `role` claim");
        assertStatus(keys, request(token(new JWSHeader(JWSAlgorithm.RS256), new RSASSASigner(rsa), "admin",
                Instant.now().minusSeconds(120))), 401, "expired");
    }

    @Test
    void keysFromAJwksUrlAreFoundByKid() throws Exception {
        RSAKey rsa = new RSAKeyGenerator(2048).keyID("admin-rsa").algorithm(JWSAlgorithm.RS256).generate();
        try (var server = new dev.arca.kbs.testing.FakeAttestationServer()) {
            server.publish(List.of());
            Path jwks = Files.writeString(dir.resolve("admin-jwks.json"),
                    new JWKSet(rsa.toPublicJWK()).toString());
            AdminAuthorizer fromJwks = authorizer(admin(AdminMode.AUTHENTICATED, List.of(), jwks.toUri(), Map.of()));
            Instant exp = Instant.now().plusSeconds(300);
            assertThat(fromJwks.authorize(request(token(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("admin-rsa")
                    .build(), new RSASSASigner(rsa), "admin", exp))).subject()).isEqualTo("ops");
            assertStatus(fromJwks, request(token(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("other").build(),
                    new RSASSASigner(rsa), "admin", exp)), 401, "Cannot verify token");
            // the ES256 test admin key is not in the set
            assertStatus(fromJwks, request(TestEnvironment.adminBearer("admin")), 401, "Cannot verify token");
        }
    }
}
