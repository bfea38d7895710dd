package dev.arca.agent.kbs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.model.json.Base64s;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TokenClaimsTest {

    private static String token(String payload) {
        return "eyJhbGciOiJFUzI1NiJ9." + Base64s.url(payload.getBytes(StandardCharsets.UTF_8)) + ".c2ln";
    }

    @Test
    void readsCpu0Status() {
        TokenClaims claims = TokenClaims.parse(token("{\"submods\":{\"cpu0\":{\"ear.status\":\"warning\"}}}"));

        assertThat(claims.cpu0Status()).contains("warning");
        assertThat(TokenClaims.parse(token("{}")).cpu0Status()).isEmpty();
    }

    @Test
    void validityFollowsExpAndNbf() {
        TokenClaims claims = TokenClaims.parse(token("{\"nbf\":100,\"exp\":200}"));

        assertThat(claims.isValidAt(Instant.ofEpochSecond(99))).isFalse();
        assertThat(claims.isValidAt(Instant.ofEpochSecond(100))).isTrue();
        assertThat(claims.isValidAt(Instant.ofEpochSecond(200))).isTrue();
        assertThat(claims.isValidAt(Instant.ofEpochSecond(201))).isFalse();
        assertThat(TokenClaims.parse(token("{}")).isValidAt(Instant.MAX)).isTrue();
    }

    @Test
    void refusesWhatIsNotAJwtWithAJsonObjectPayload() {
        assertThatThrownBy(() -> TokenClaims.parse("abc")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TokenClaims.parse(token("[1]"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TokenClaims.parse(token("not json"))).isInstanceOf(IllegalArgumentException.class);
    }
}
