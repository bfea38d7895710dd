package dev.arca.kbs.config;

import dev.arca.model.kbs.ProtocolVersion;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KbsPropertiesTest {

    static KbsProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("arca.kbs", KbsProperties.class);
    }

    @Test
    void defaultsFollowTheArchitecture() {
        KbsProperties defaults = bind(Map.of());
        assertThat(defaults.asUrl()).hasToString("http://127.0.0.1:8081");
        assertThat(defaults.rvpsUrl()).hasToString("http://127.0.0.1:8082");
        assertThat(defaults.sessionTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(defaults.kekFile()).isNull();
        assertThat(defaults.maxRequestBody().toBytes()).isEqualTo(2 * 1024 * 1024);
        assertThat(defaults.jwe().allowRsa15()).isFalse();
        assertThat(defaults.http().connectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(defaults.http().readTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.sessionStore()).isEqualTo(dev.arca.kbs.session.SessionStoreKind.MEMORY);
        assertThat(defaults.acceptedProtocols()).hasSize(5);
        assertThat(defaults.kekPreviousFile()).isNull();
    }

    @Test
    void tokenDefaultsAndBounds() {
        Binder empty = new Binder(new MapConfigurationPropertySource(Map.of()));
        dev.arca.kbs.token.TokenProperties token =
                empty.bindOrCreate("arca.kbs.token", dev.arca.kbs.token.TokenProperties.class);
        assertThat(token.leeway()).isEqualTo(Duration.ofSeconds(60));
        assertThat(token.trustAttestationService()).isTrue();
        assertThat(token.insecureHeaderJwk()).isFalse();
        Binder tooLenient = new Binder(new MapConfigurationPropertySource(Map.of("arca.kbs.token.leeway", "1h")));
        assertThatThrownBy(() -> tooLenient.bindOrCreate("arca.kbs.token", dev.arca.kbs.token.TokenProperties.class))
                .isInstanceOf(BindException.class);
        Binder notPointer = new Binder(new MapConfigurationPropertySource(
                Map.of("arca.kbs.token.extra-tee-pubkey-paths[0]", "tee-pubkey")));
        assertThatThrownBy(() -> notPointer.bindOrCreate("arca.kbs.token", dev.arca.kbs.token.TokenProperties.class))
                .isInstanceOf(BindException.class);
    }

    @Test
    void theSessionStoreAndProtocolVersionsBind() {
        KbsProperties jdbc = bind(Map.of("arca.kbs.session-store", "jdbc", "arca.kbs.protocol-versions", "0.4.0"));
        assertThat(jdbc.sessionStore()).isEqualTo(dev.arca.kbs.session.SessionStoreKind.JDBC);
        assertThat(jdbc.acceptedProtocols()).containsExactly(dev.arca.model.kbs.ProtocolVersion.V0_4_0);
        assertThatThrownBy(() -> bind(Map.of("arca.kbs.protocol-versions", "0.5.0"))).isInstanceOf(BindException.class);
        assertThatThrownBy(() -> bind(Map.of("arca.kbs.session-store", "redis"))).isInstanceOf(BindException.class);
    }

    @Test
    void theRsa15SwitchBindsFromItsDocumentedName() {
        assertThat(bind(Map.of("arca.kbs.jwe.allow-rsa1-5", "true")).jwe().allowRsa15()).isTrue();
    }

    @Test
    void nonsenseIsRefusedAtStartup() {
        assertThatThrownBy(() -> bind(Map.of("arca.kbs.session-timeout", "0s"))).isInstanceOf(BindException.class);
        assertThatThrownBy(() -> bind(Map.of("arca.kbs.session-capacity", "0"))).isInstanceOf(BindException.class);
    }

    @Test
    void environmentVariablesBindAsDocumented() {
        var environment = new org.springframework.core.env.SystemEnvironmentPropertySource(
                org.springframework.core.env.StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(
                "ARCA_KBS_AS_URL", "http://as.example:8081",
                "ARCA_KBS_SESSION_STORE", "jdbc",
                "ARCA_KBS_PROTOCOL_VERSIONS", "0.3.0,0.4.0",
                "ARCA_KBS_JWE_ALLOWRSA15", "true",
                "ARCA_KBS_TOKEN_INSECUREHEADERJWK", "true"));
        Binder binder = new Binder(org.springframework.boot.context.properties.source.ConfigurationPropertySources
                .from(environment));
        KbsProperties bound = binder.bindOrCreate("arca.kbs", KbsProperties.class);
        assertThat(bound.asUrl()).hasToString("http://as.example:8081");
        assertThat(bound.sessionStore()).isEqualTo(dev.arca.kbs.session.SessionStoreKind.JDBC);
        assertThat(bound.protocolVersions()).containsExactly("0.3.0", "0.4.0");
        assertThat(bound.jwe().allowRsa15()).isTrue();
        assertThat(binder.bindOrCreate("arca.kbs.token", dev.arca.kbs.token.TokenProperties.class).insecureHeaderJwk())
                .isTrue();
    }

    @Test
    void adminModesAndAclsBindFromTheirDocumentedNames() {
        Binder binder = new Binder(new MapConfigurationPropertySource(Map.of(
                "arca.admin.mode", "insecure-allow-all",
                "arca.admin.acl.tenant-a-admin[0]", "* /kbs/v0/resource/tenant-a/.*",
                "arca.admin.acl.tenant-a-admin[1]", "GET /kbs/v0/admin/resources",
                "arca.admin.acl.auditor", "GET /kbs/v0/admin/audit",
                "arca.admin.jwks-url", "https://idp.example.com/jwks")));
        var admin = binder.bindOrCreate("arca.admin", dev.arca.service.security.AdminProperties.class);
        assertThat(admin.mode()).isEqualTo(dev.arca.service.security.AdminMode.INSECURE_ALLOW_ALL);
        assertThat(admin.acl()).containsOnlyKeys("tenant-a-admin", "auditor");
        assertThat(admin.acl().get("tenant-a-admin")).containsExactly("* /kbs/v0/resource/tenant-a/.*",
                "GET /kbs/v0/admin/resources");
        assertThat(admin.jwksUrl()).hasToString("https://idp.example.com/jwks");
        var defaults = new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("arca.admin", dev.arca.service.security.AdminProperties.class);
        assertThat(defaults.mode()).isEqualTo(dev.arca.service.security.AdminMode.AUTHENTICATED);
        assertThat(defaults.requiredRole()).isEqualTo("admin");
    }
}
