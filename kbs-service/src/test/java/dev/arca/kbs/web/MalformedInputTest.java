package dev.arca.kbs.web;

import dev.arca.kbs.testing.KbsHttp;
import dev.arca.kbs.testing.KbsIntegrationTest;
import dev.arca.kbs.testing.Rcar;
import dev.arca.kbs.testing.SampleGuest;
import dev.arca.model.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad input never yields a 500, a stack trace or an HTML page: always a problem+json 4xx. */
class MalformedInputTest extends KbsIntegrationTest {

    record Call(String method, String path, String body, boolean admin) {
    }

    @Test
    void malformedAdminAndPluginRequestsAreClientErrors() {
        String token = Rcar.attestOk(http, Rcar.auth(http, null), SampleGuest.create(SampleGuest.KeyKind.P256));
        List<Call> calls = List.of(
                new Call("PUT", "/kbs/v0/admin/resource-policies/p1", "not json", true),
                new Call("PUT", "/kbs/v0/admin/resource-policies/p1", "[]", true),
                new Call("PUT", "/kbs/v0/admin/resource-policies/p1", "{\"policy\":42}", true),
                new Call("PUT", "/kbs/v0/admin/resource-policies/p1", "{\"policy\":\"dHJ1ZQ\",\"binding\":7}", true),
                new Call("PUT", "/kbs/v0/admin/resource-policies/p1", "{}", true),
                new Call("GET", "/kbs/v0/admin/resource-policies/.x", "", true),
                new Call("GET", "/kbs/v0/admin/resource-policies/" + "x".repeat(300), "", true),
                new Call("GET", "/kbs/v0/admin/audit?after=-1", "", true),
                new Call("GET", "/kbs/v0/admin/audit?limit=abc", "", true),
                new Call("GET", "/kbs/v0/admin/audit?since=2026-13-45T00:00:00Z", "", true),
                new Call("GET", "/kbs/v0/admin/resources?limit=0", "", true),
                new Call("GET", "/kbs/v0/admin/resources?prefix=a%00b", "", true),
                new Call("GET", "/kbs/v0/admin/nothing-here", "", true),
                new Call("POST", "/kbs/v0/resource-policy", "{\"policy\":\"dHJ1ZQ\",\"binding\":\"../\"}", true),
                new Call("POST", "/kbs/v0/resource-policy", "{\"policy\":\"dHJ1ZQ\",\"id\":\"a/b\"}", true),
                new Call("POST", "/kbs/v0/cert/issue", "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n"
                        + "-----END CERTIFICATE REQUEST-----\n", false),
                new Call("POST", "/kbs/v0/cert/issue", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----",
                        false),
                new Call("POST", "/kbs/v0/cert/issue", "\u0000\u0001\u0002", false),
                new Call("DELETE", "/kbs/v0/cert/issue", "", false),
                new Call("POST", "/kbs/v0/attest", "{\"tee-pubkey\":[],\"tee-evidence\":1}", false));
        for (Call call : calls) {
            String[] headers = call.admin()
                    ? new String[] {"Authorization", admin(), "Content-Type", "application/json"}
                    : new String[] {"Authorization", "Bearer " + token};
            KbsHttp.Answer answer = switch (call.method()) {
                case "PUT" -> http.put(call.path(), call.body(), headers);
                case "POST" -> http.post(call.path(), call.body(), headers);
                case "DELETE" -> http.delete(call.path(), headers);
                default -> http.get(call.path(), headers);
            };
            assertThat(answer.status()).as(call + " → " + answer.body()).isBetween(400, 499);
            assertThat(answer.header("Content-Type")).as(call.toString()).hasValue("application/problem+json");
            assertThat(Json.tree(answer.body()).get("detail").asString()).isNotBlank();
            assertThat(answer.body()).doesNotContain("Exception").doesNotContain("\tat ");
        }
        // malformed query strings, sent raw because the JDK client refuses to
        for (String raw : List.of("/kbs/v0/resource/default/key/x?%zz=1", "/kbs/v0/admin/audit?since=%zz")) {
            KbsHttp.RawAnswer answer = http.raw("GET", raw, "Authorization: " + admin());
            assertThat(answer.status()).as(raw + " → " + answer.body()).isBetween(400, 499);
            assertThat(answer.head()).containsIgnoringCase("Content-Type: application/problem+json");
        }
    }
}
