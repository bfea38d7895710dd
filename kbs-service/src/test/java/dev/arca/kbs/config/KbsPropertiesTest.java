package dev.arca.kbs.config;

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
        assertThat(defaults.token().leeway()).isEqualTo(Duration.ofSeconds(60));
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
}
