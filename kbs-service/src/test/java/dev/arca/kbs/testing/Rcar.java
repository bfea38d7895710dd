package dev.arca.kbs.testing;

import dev.arca.model.json.HashAlgorithm;
import dev.arca.model.json.Json;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The guest side of the RCAR handshake over real HTTP (Trustee kbs_attestation_protocol.md), for tests. */
public final class Rcar {

    public static final Pattern SET_COOKIE = Pattern.compile(
            "kbs-session-id=([0-9a-f]{32}); Expires=[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT");
    public static final String ALL_ALGORITHMS =
            "{\"supported-hash-algorithms\":[\"sha256\",\"sha384\",\"sha512\",\"sm3\"]}";

    private Rcar() {
    }

    /** What /auth answered: the session cookie, the Set-Cookie header, the nonce, the extra-params. */
    public record Handshake(String cookie, String setCookie, String nonce, JsonNode extraParams) {

        public String[] cookieHeader() {
            return new String[] {"Cookie", "kbs-session-id=" + cookie};
        }
    }

    public static Handshake auth(KbsHttp http, String version, String tee, String extraParams) {
        String body = "{\"version\":\"" + version + "\",\"tee\":\"" + tee + "\""
                + (extraParams == null ? "" : ",\"extra-params\":" + extraParams) + "}";
        KbsHttp.Answer answer = http.post("/kbs/v0/auth", body, "Content-Type", "application/json");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        String setCookie = answer.header("Set-Cookie").orElseThrow();
        Matcher m = SET_COOKIE.matcher(setCookie);
        assertThat(m.matches()).as(setCookie).isTrue();
        JsonNode challenge = Json.tree(answer.body());
        return new Handshake(m.group(1), setCookie, challenge.get("nonce").asString(), challenge.get("extra-params"));
    }

    public static Handshake auth(KbsHttp http, String extraParams) {
        return auth(http, "0.4.0", "sample", extraParams);
    }

    public static KbsHttp.Answer attest(KbsHttp http, Handshake session, String body) {
        return http.post("/kbs/v0/attest", body, "Cookie", "kbs-session-id=" + session.cookie(),
                "Content-Type", "application/json");
    }

    /** A 0.4.0 attestation with sample evidence that must succeed; returns the token. */
    public static String attestOk(KbsHttp http, Handshake session, SampleGuest guest) {
        KbsHttp.Answer answer = attest(http, session,
                guest.attestation(session.nonce(), HashAlgorithm.SHA384, false, null));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return Json.tree(answer.body()).get("token").asString();
    }

    /** Asserts a problem+json answer with the upstream error name; returns the problem. */
    public static JsonNode problem(KbsHttp.Answer answer, int status, String name) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = Json.tree(answer.body());
        assertThat(problem.get("type").asString())
                .isEqualTo("https://github.com/confidential-containers/kbs/errors/" + name);
        assertThat(answer.body()).doesNotContain("Exception").doesNotContain("\tat ");
        return problem;
    }
}
