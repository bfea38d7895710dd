package dev.arca.kbs.admin;

import dev.arca.kbs.config.ArcaProperties;
import dev.arca.kbs.error.KbsException;
import dev.arca.kbs.testing.TestEnvironment;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AdminAuthorizerTest {

    /** A request carrying only an Authorization header and a URI. */
    static HttpServletRequest request(String authorization) {
        return (HttpServletRequest) Proxy.newProxyInstance(AdminAuthorizerTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getHeader" -> "Authorization".equalsIgnoreCase((String) args[0]) ? authorization : null;
                    case "getRequestURI" -> "/kbs/v0/resource-policy";
                    default -> null;
                });
    }

    @Test
    void withoutConfiguredKeysEveryAdminCallIsRefused() throws Exception {
        AdminAuthorizer closed = new AdminAuthorizer(new ArcaProperties(Path.of("."),
                new ArcaProperties.Admin(List.of(), "admin")), Clock.systemUTC());
        assertThatThrownBy(() -> closed.authorize(request(TestEnvironment.adminBearer("admin"))))
                .isInstanceOfSatisfying(KbsException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.getMessage()).contains("admin API is disabled");
                });
    }

    @Test
    void theConfiguredRoleDecides() throws Exception {
        AdminAuthorizer operators = new AdminAuthorizer(new ArcaProperties(Path.of("."),
                new ArcaProperties.Admin(List.of(TestEnvironment.ADMIN_PUBLIC_KEY), "operator")), Clock.systemUTC());
        assertThat(operators.authorize(request(TestEnvironment.adminBearer("operator"))).subject())
                .isEqualTo("test-admin");
        assertThatThrownBy(() -> operators.authorize(request(TestEnvironment.adminBearer("admin"))))
                .isInstanceOfSatisfying(KbsException.class, e -> assertThat(e.status()).isEqualTo(403));
        assertThatThrownBy(() -> operators.authorize(request(null)))
                .isInstanceOfSatisfying(KbsException.class, e -> assertThat(e.status()).isEqualTo(401));
    }
}
