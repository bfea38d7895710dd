package dev.arca.admin.kbs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class KbsAdminClientTest {

    private static String describe(int status, String body) {
        return KbsAdminClient.describeFailure(status, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void prefersTheProblemDetailThenTheTitle() {
        assertThat(describe(401, "{\"type\":\"x/AdminAuthAccess\",\"detail\":\"admin token expired\"}"))
                .isEqualTo("HTTP 401 admin token expired");
        assertThat(describe(500, "{\"type\":\"x\",\"title\":\"Internal Server Error\",\"status\":500}"))
                .isEqualTo("HTTP 500 Internal Server Error");
    }

    @Test
    void fallsBackToOneLineOfBodyText() {
        assertThat(describe(502, "bad\ngateway\r\n")).isEqualTo("HTTP 502 bad gateway");
        assertThat(describe(404, "")).isEqualTo("HTTP 404");
        assertThat(describe(400, "{\"error\":\"bad\"}")).isEqualTo("HTTP 400 {\"error\":\"bad\"}");
        assertThat(describe(500, "x".repeat(1000))).hasSizeLessThan(320);
    }

    @Test
    void aProblemDetailKeepsItsLinesButNoOtherControlCharacters() {
        assertThat(describe(400, "{\"type\":\"x\",\"detail\":\"ERROR: <input>:1:3: bad\\r\\n | a b\\n | ..^\\u001b[31m\"}"))
                .isEqualTo("HTTP 400 ERROR: <input>:1:3: bad\n | a b\n | ..^ [31m");
    }
}
