package dev.arca.it;

import static dev.arca.it.BadInputCase.ANY_4XX;

import dev.arca.it.BadInputCase.Request;
import dev.arca.launcher.suite.ServiceKind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The bad-input table (docs/security.md "Bad-input suite"): every class of malformed or hostile request, thrown at
 * every service. A case that carries a valid credential gets past authentication, so the bad part reaches the parser
 * or the handler it targets; a case without one proves the bad part does not change the refusal.
 */
final class BadInputCases {

    static final ServiceKind KBS = ServiceKind.KBS;
    static final ServiceKind AS = ServiceKind.ATTESTATION_SERVICE;
    static final ServiceKind RVPS = ServiceKind.RVPS;

    /** What the cases need from the running suite: genuine credentials to misuse and a finished guest session. */
    record Fixture(ForgedTokens tokens, String admin, String reader, String kbsCaller, String asCaller,
            String earToken, String finishedCookie, String finishedAttestBody, String freshCookie) {
    }

    /** A JSON endpoint, the credential that gets a body to its parser, and bodies of the wrong types. */
    private record JsonEndpoint(ServiceKind service, String method, String path, String bearer, String cookie,
            List<String> wrongTypes, List<String> badBase64) {
    }

    /** A sample-extractor payload: base64 of JSON nested past every parser's depth limit. */
    static final String NESTED_SAMPLE = "{\"version\":\"0.1.0\",\"type\":\"sample\",\"payload\":\""
            + dev.arca.model.json.Base64s.std(utf8("[".repeat(5000))) + "\"}";

    private final Fixture f;
    private final List<BadInputCase> cases = new ArrayList<>();

    private BadInputCases(Fixture fixture) {
        this.f = fixture;
    }

    static List<BadInputCase> all(Fixture fixture) throws Exception {
        BadInputCases table = new BadInputCases(fixture);
        table.jsonBodies();
        table.traversal();
        table.methods();
        table.protocol();
        table.formBodies();
        table.replay();
        table.forgedTokens();
        table.adminWithoutTheRightCredential();
        return table.cases;
    }

    // --- malformed, truncated, oversized, deeply nested JSON; wrong types; invalid base64 -----------------------

    private List<JsonEndpoint> jsonEndpoints() {
        return List.of(
                new JsonEndpoint(KBS, "POST", "/kbs/v0/auth", null, null,
                        List.of("{\"version\":4,\"tee\":[\"sample\"],\"extra-params\":\"\"}",
                                "{\"version\":\"0.4.0\",\"tee\":{\"a\":1},\"extra-params\":\"\"}",
                                "{\"version\":\"0.4.0\",\"tee\":\"no-such-tee\",\"extra-params\":\"\"}",
                                "{\"version\":\"9.9.9\",\"tee\":\"sample\",\"extra-params\":\"\"}"),
                        List.of()),
                new JsonEndpoint(KBS, "POST", "/kbs/v0/attest", null, f.freshCookie(),
                        List.of("{\"runtime-data\":\"x\",\"tee-evidence\":5}",
                                "{\"runtime-data\":{\"nonce\":7,\"tee-pubkey\":\"key\"},\"tee-evidence\":{}}",
                                "{\"tee-pubkey\":[],\"tee-evidence\":true}"),
                        List.of("{\"runtime-data\":{\"nonce\":\"!!!not base64!!!\",\"tee-pubkey\":{\"kty\":\"EC\","
                                + "\"crv\":\"P-256\",\"alg\":\"ECDH-ES+A256KW\",\"x\":\"@@@\",\"y\":\"***\"}},"
                                + "\"tee-evidence\":{\"primary_evidence\":{\"svn\":\"1\",\"report_data\":\"%%%\"},"
                                + "\"additional_evidence\":\"\"}}")),
                new JsonEndpoint(KBS, "POST", "/kbs/v0/resource-policy", f.admin(), null,
                        List.of("{\"policy\":5}", "{\"policy\":[\"dHJ1ZQ\"]}", "{\"policy\":{\"cel\":\"true\"}}"),
                        List.of("{\"policy\":\"@@@###\"}", "{\"policy\":\"dHJ1ZQ=x=\"}", "{\"policy\":\"\u00e9\u00e9\"}")),
                new JsonEndpoint(KBS, "PUT", "/kbs/v0/admin/resource-policies/bad-input", f.admin(), null,
                        List.of("{\"policy\":true,\"binding\":\"it/\"}", "{\"policy\":\"dHJ1ZQ\",\"binding\":[]}"),
                        List.of("{\"policy\":\"!!\",\"binding\":\"it/\"}")),
                new JsonEndpoint(KBS, "POST", "/kbs/v0/attestation-policy", f.admin(), null,
                        List.of("{\"policy_id\":5,\"policy\":[],\"type\":\"cel\"}",
                                "{\"policy_id\":\"x\",\"policy\":{},\"type\":7}"),
                        List.of("{\"policy_id\":\"bad-input\",\"policy\":\"@@@###\",\"type\":\"cel\"}")),
                new JsonEndpoint(KBS, "POST", "/kbs/v0/reference-value", f.admin(), null,
                        List.of("{\"version\":1,\"type\":{},\"payload\":[]}", "{\"type\":\"sample\",\"payload\":5}",
                                NESTED_SAMPLE),
                        List.of("{\"version\":\"0.1.0\",\"type\":\"sample\",\"payload\":\"@@@###\"}")),
                new JsonEndpoint(KBS, "POST", "/kbs/v0/cert/issue", null, null,
                        List.of("{\"csr\":5}"), List.of("{\"csr\":\"@@@\"}")),
                new JsonEndpoint(AS, "POST", "/attestation", f.kbsCaller(), null,
                        List.of("{\"verification_requests\":{},\"policy_ids\":\"default\"}",
                                "{\"verification_requests\":[{\"tee\":5,\"evidence\":[]}],\"policy_ids\":[]}",
                                "{\"verification_requests\":[{\"tee\":\"sample\",\"evidence\":\"e30\","
                                        + "\"runtime_data\":\"raw\"}],\"policy_ids\":[]}"),
                        List.of("{\"verification_requests\":[{\"tee\":\"sample\",\"evidence\":\"@@@###\","
                                        + "\"runtime_data\":{\"raw\":\"***\"}}],\"policy_ids\":[]}",
                                "{\"verification_requests\":[{\"tee\":\"sample\",\"evidence\":\"e30\","
                                        + "\"runtime_data\":{\"raw\":\"!!!\"}}],\"policy_ids\":[]}")),
                new JsonEndpoint(AS, "POST", "/challenge", f.kbsCaller(), null,
                        List.of("{\"tee\":5,\"tee_params\":[]}", "{\"tee\":[\"sample\"]}"),
                        // tee_params is opaque text, not base64: /challenge has nothing to decode
                        List.of()),
                new JsonEndpoint(AS, "POST", "/policy", f.admin(), null,
                        List.of("{\"policy_id\":5,\"policy\":[],\"type\":\"cel\"}",
                                "{\"policy_id\":\"bad-input\",\"policy\":{},\"type\":true}"),
                        List.of("{\"policy_id\":\"bad-input\",\"policy\":\"@@@###\",\"type\":\"cel\"}",
                                "{\"policy_id\":\"bad-input\",\"policy\":\"dHJ1ZQ==\\u0000\",\"type\":\"cel\"}")),
                new JsonEndpoint(RVPS, "POST", "/reference-values", f.admin(), null,
                        List.of("{\"version\":1,\"type\":{},\"payload\":[]}",
                                "{\"version\":\"0.1.0\",\"type\":\"sample\",\"payload\":{\"a\":1}}", NESTED_SAMPLE),
                        List.of("{\"version\":\"0.1.0\",\"type\":\"sample\",\"payload\":\"@@@###\"}",
                                "{\"version\":\"0.1.0\",\"type\":\"in-toto\",\"payload\":\"%%%\"}")));
    }

    private void jsonBodies() {
        Map<String, byte[]> malformed = new java.util.LinkedHashMap<>();
        malformed.put("empty body", new byte[0]);
        malformed.put("lone brace", utf8("{"));
        malformed.put("truncated in a string", utf8("{\"version\":\"0.4.0\",\"tee\":\"sam"));
        malformed.put("truncated after a member", utf8("{\"a\":1,"));
        malformed.put("not JSON", utf8("not json at all"));
        malformed.put("trailing garbage", utf8("{}garbage"));
        malformed.put("top-level array", utf8("[]"));
        malformed.put("top-level string", utf8("\"text\""));
        malformed.put("top-level null", utf8("null"));
        malformed.put("top-level number", utf8("123"));
        malformed.put("duplicate members", utf8("{\"a\":1,\"a\":2}"));
        malformed.put("single quotes", utf8("{'a':1}"));
        malformed.put("comments", utf8("/* x */{}"));
        malformed.put("NaN", utf8("{\"a\":NaN}"));
        malformed.put("number of 5000 digits", utf8("{\"a\":" + "9".repeat(5000) + "}"));
        malformed.put("huge exponent", utf8("{\"a\":1e999999999}"));
        malformed.put("invalid UTF-8", new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xff, (byte) 0xfe, '"', '}'});
        malformed.put("NUL byte", new byte[] {'{', 0, '}'});
        malformed.put("byte-order mark", utf8("\ufeff{}"));
        malformed.put("nested 100000 arrays deep", utf8("[".repeat(100_000)));
        malformed.put("nested 5000 objects deep", utf8("{\"a\":".repeat(5000) + "1" + "}".repeat(5000)));
        malformed.put("oversized (3 MB)", utf8("{\"a\":\"" + "x".repeat(3 * 1024 * 1024) + "\"}"));
        for (JsonEndpoint e : jsonEndpoints()) {
            malformed.forEach((name, body) -> add("malformed JSON", e.service(), e.method() + " " + e.path() + " "
                    + name, request(e).body("application/json", body),
                    name.startsWith("oversized") && readsBodyFirst(e) ? 413 : ANY_4XX));
            add("malformed JSON", e.service(), e.method() + " " + e.path() + " JSON sent as text/plain",
                    request(e).body("text/plain", utf8("{}")), ANY_4XX);
            for (String body : e.wrongTypes()) {
                add("wrong JSON types", e.service(), e.method() + " " + e.path() + " " + abbreviate(body),
                        request(e).json(body),
                        ANY_4XX);
            }
            for (String body : e.badBase64()) {
                add("invalid base64", e.service(), e.method() + " " + e.path() + " " + body, request(e).json(body),
                        ANY_4XX);
            }
        }
    }

    /** Whether the endpoint reads the body before it can refuse the caller (an attested call checks first). */
    private static boolean readsBodyFirst(JsonEndpoint e) {
        return e.bearer() != null || e.cookie() != null || e.path().equals("/kbs/v0/auth");
    }

    private static Request request(JsonEndpoint e) {
        Request request = Request.of(e.method(), e.path()).bearer(e.bearer());
        return e.cookie() == null ? request : request.header("Cookie", e.cookie());
    }

    // --- traversal forms in paths ------------------------------------------------------------------------------

    /** Forms of one path {@code /a/b/c}: each applied between the last two segments, or at the end. */
    private static List<String[]> traversalForms(String first, String last) {
        return List.of(
                new String[] {"dot-dot", first + "/x/../" + last},
                new String[] {"%2e%2e", first + "/x/%2e%2e/" + last},
                new String[] {"%2E%2E", first + "/x/%2E%2E/" + last},
                new String[] {"double-encoded dot-dot", first + "/x/%252e%252e/" + last},
                new String[] {"trailing dot-dot", first + "/" + last + "/.."},
                new String[] {"dot segment", first + "/./" + last},
                new String[] {"%2e segment", first + "/%2e/" + last},
                new String[] {"%2f separator", first + "%2f" + last},
                new String[] {"%2F separator", first + "%2F" + last},
                new String[] {"backslash", first.replace('/', '\\') + "\\" + last},
                new String[] {"%5c separator", first + "%5c" + last},
                new String[] {"%00", first + "/" + last + "%00"},
                new String[] {"%00 mid-path", first + "%00/" + last},
                new String[] {"%ff", first + "/" + last + "%ff"},
                new String[] {"invalid escape %ZZ", first + "/" + last + "%ZZ"},
                new String[] {"lone %", first + "/" + last + "%"},
                new String[] {"; parameter", first + ";x/" + last},
                new String[] {"; jsessionid", first + ";jsessionid=1/" + last},
                new String[] {"empty ; parameter", first + "/" + last + ";"},
                new String[] {"doubled slash", first + "//" + last},
                new String[] {"fullwidth dots", first + "/%ef%bc%8e%ef%bc%8e/" + last});
    }

    private void traversal() {
        List<String[]> targets = List.of(
                new String[] {"KBS", "/kbs/v0/admin", "resources"},
                new String[] {"KBS", "/kbs/v0/admin", "audit"},
                new String[] {"KBS", "/kbs/v0/resource/it/key", "one"},
                new String[] {"AS", "/policy", "default"},
                new String[] {"AS", "/.well-known", "jwks.json"},
                new String[] {"RVPS", "/reference-values", "sample"});
        for (String[] target : targets) {
            ServiceKind service = service(target[0]);
            boolean rvps = service == RVPS;
            for (String[] form : traversalForms(target[1], target[2])) {
                // reference-value names contain '/' (CoRIM names), sent raw or as %2F: the RVPS admits encoded and
                // doubled slashes (docs/security.md), so those forms are names there, not traversal
                if (rvps && (form[0].contains("%2") && form[0].contains("separator") || form[0].equals("doubled slash"))) {
                    continue;
                }
                add("path traversal", service, "anonymous GET " + form[1], Request.of("GET", form[1]), ANY_4XX);
                add("path traversal", service, "admin GET " + form[1], Request.of("GET", form[1]).bearer(f.admin()),
                        ANY_4XX);
            }
        }
        add("path traversal", KBS, "absolute-form target to another host",
                Request.of("GET", "http://evil.example/kbs/v0/admin/resources"), ANY_4XX);
        add("path traversal", KBS, "asterisk-form target", Request.of("GET", "*"), ANY_4XX);
        add("path traversal", AS, "asterisk-form target", Request.of("GET", "*"), ANY_4XX);
        add("path traversal", RVPS, "asterisk-form target", Request.of("GET", "*"), ANY_4XX);
    }

    // --- method confusion ----------------------------------------------------------------------------------------

    private void methods() {
        Map<ServiceKind, List<String>> paths = Map.of(
                KBS, List.of("/kbs/v0/admin/resources", "/kbs/v0/auth", "/kbs/v0/resource/it/key/one"),
                AS, List.of("/policy", "/attestation", "/.well-known/jwks.json"),
                RVPS, List.of("/reference-values", "/reference-values/sample"));
        List<String> anonymousMethods = List.of("HEAD", "OPTIONS", "PATCH", "TRACE", "CONNECT", "FOO", "PROPFIND",
                "get", "M-SEARCH");
        List<String> adminMethods = List.of("PATCH", "TRACE", "CONNECT", "FOO", "PROPFIND");
        for (ServiceKind service : List.of(KBS, AS, RVPS)) {
            for (String path : paths.get(service)) {
                boolean open = path.endsWith("jwks.json") || path.equals("/kbs/v0/auth");
                for (String method : anonymousMethods) {
                    // HEAD of an open GET is a GET without the body: 200 is right there
                    if (method.equals("HEAD") && open) {
                        continue;
                    }
                    add("method confusion", service, "anonymous " + method + " " + path, Request.of(method, path),
                            ANY_4XX);
                }
                for (String method : adminMethods) {
                    add("method confusion", service, "admin " + method + " " + path,
                            Request.of(method, path).bearer(f.admin()), ANY_4XX);
                }
                add("method confusion", service, "GET " + path + " as HTTP/2.0",
                        Request.of("GET", path).version("HTTP/2.0"), ANY_4XX);
                add("method confusion", service, "GET " + path + " as HTTP/1.2",
                        Request.of("GET", path).version("HTTP/1.2"), ANY_4XX);
                add("method confusion", service, "GET " + path + " as HTTP/9.9",
                        Request.of("GET", path).version("HTTP/9.9"), ANY_4XX);
                add("method confusion", service, "POST " + path + " with X-HTTP-Method-Override: DELETE",
                        Request.of("POST", path).header("X-HTTP-Method-Override", "DELETE").json("{}"), ANY_4XX);
            }
            add("method confusion", service, "CONNECT authority-form", Request.of("CONNECT", "127.0.0.1:1"),
                    ANY_4XX);
        }
    }

    // --- Transfer-Encoding, control characters, oversized headers -------------------------------------------------

    private void protocol() {
        Map<ServiceKind, String[]> posts = Map.of(
                KBS, new String[] {"/kbs/v0/resource-policy", "/kbs/v0/auth"},
                AS, new String[] {"/policy", "/attestation"},
                RVPS, new String[] {"/reference-values", "/reference-values"});
        String bigToken = "A".repeat(300 * 1024);
        for (ServiceKind service : List.of(KBS, AS, RVPS)) {
            String adminPath = posts.get(service)[0];
            for (String path : Arrays.stream(posts.get(service)).distinct().toList()) {
                String cred = path.equals("/kbs/v0/auth") ? null : f.admin();
                teCase(service, path, cred, "gzip, chunked", "4\r\n{}{}\r\n0\r\n\r\n");
                teCase(service, path, cred, "xchunked", "2\r\n{}\r\n0\r\n\r\n");
                teCase(service, path, cred, "identity", "{}");
                teCase(service, path, cred, "chunked, chunked", "2\r\n{}\r\n0\r\n\r\n");
                teCase(service, path, cred, "chunked (malformed size)", "zz\r\n{}\r\n0\r\n\r\n");
                teCase(service, path, cred, "chunked (size overflow)", "fffffffffffffffff\r\n{}\r\n0\r\n\r\n");
                add("Transfer-Encoding", service, "POST " + path + " chunked with Content-Length (smuggling)",
                        Request.of("POST", path).bearer(cred).header("Content-Type", "application/json")
                                .header("Transfer-Encoding", "chunked").header("Content-Length", "5")
                                .rawBody(utf8("2\r\n{}\r\n0\r\n\r\nGET /x HTTP/1.1\r\n\r\n")), ANY_4XX);
                add("Transfer-Encoding", service, "POST " + path + " two Content-Length headers",
                        Request.of("POST", path).bearer(cred).header("Content-Type", "application/json")
                                .header("Content-Length", "2").header("Content-Length", "4").rawBody(utf8("{}{}")),
                        ANY_4XX);
            }
            for (String[] type : List.of(new String[] {"SOH", "application/json\u0001"},
                    new String[] {"BEL in charset", "application/json; charset=\u0007utf-8"},
                    new String[] {"DEL", "application/json\u007f"},
                    new String[] {"unknown charset", "application/json; charset=no-such-charset"},
                    new String[] {"malformed media type", "application/"},
                    new String[] {"unclosed quoted parameter", "application/json; charset=\"utf-8"},
                    new String[] {"empty", ""},
                    new String[] {"Latin-1 byte", "application/json\u00ff"})) {
                add("control characters in Content-Type", service, "POST " + adminPath + " Content-Type " + type[0],
                        Request.of("POST", adminPath).bearer(f.admin()).header("Content-Type", type[1])
                                .body(null, utf8("{}")), ANY_4XX);
            }
            add("oversized headers", service, "300 KB Authorization header on " + adminPath,
                    Request.of("GET", adminPath).header("Authorization", "Bearer " + bigToken), ANY_4XX);
            add("oversized headers", service, "300 KB Authorization header on /actuator/health",
                    Request.of("GET", "/actuator/health").header("Authorization", "Bearer " + bigToken), ANY_4XX);
            add("oversized headers", service, "300 KB Cookie header on " + adminPath,
                    Request.of("GET", adminPath).header("Cookie", "kbs-session-id=" + bigToken), ANY_4XX);
            Request many = Request.of("GET", adminPath);
            for (int i = 0; i < 500; i++) {
                many.header("X-Filler-" + i, "x");
            }
            add("oversized headers", service, "500 headers on " + adminPath, many, ANY_4XX);
            add("oversized headers", service, "16 KB request line on " + adminPath,
                    Request.of("GET", adminPath + "?q=" + "a".repeat(16 * 1024)), ANY_4XX);
            add("oversized headers", service, "NUL in a header value on " + adminPath,
                    Request.of("GET", adminPath).header("X-Test", "a\u0000b"), ANY_4XX);
            add("oversized headers", service, "header line folded (obs-fold) on " + adminPath,
                    Request.of("GET", adminPath).header("Authorization", "Bearer x\r\n folded"), ANY_4XX);
        }
    }

    private void teCase(ServiceKind service, String path, String credential, String encoding, String body) {
        add("Transfer-Encoding", service, "POST " + path + " Transfer-Encoding: " + encoding,
                Request.of("POST", path).bearer(credential).header("Content-Type", "application/json")
                        .header("Transfer-Encoding", encoding).rawBody(utf8(body)), ANY_4XX);
    }

    // --- form bodies on PUT/PATCH/DELETE -------------------------------------------------------------------------

    private void formBodies() {
        Map<ServiceKind, List<String>> paths = Map.of(
                KBS, List.of("/kbs/v0/auth", "/kbs/v0/attest", "/kbs/v0/resource/it/key/no-such",
                        "/kbs/v0/resource-policy", "/kbs/v0/admin/resource-policies/no-such",
                        "/kbs/v0/admin/resources", "/kbs/v0/admin/audit", "/kbs/v0/attestation-policy",
                        "/kbs/v0/reference-value", "/kbs/v0/cert/issue", "/kbs/v0/nowhere", "/nowhere"),
                AS, List.of("/attestation", "/challenge", "/policy", "/policy/no-such", "/certificates",
                        "/.well-known/jwks.json", "/nowhere"),
                RVPS, List.of("/reference-values", "/reference-values/no-such", "/actuator/health", "/nowhere"));
        for (ServiceKind service : List.of(KBS, AS, RVPS)) {
            for (String path : paths.get(service)) {
                for (String method : List.of("PUT", "PATCH", "DELETE")) {
                    for (boolean admin : List.of(false, true)) {
                        add("form bodies", service, (admin ? "admin " : "anonymous ") + method + " " + path
                                + " a=%ZZ", Request.of(method, path).bearer(admin ? f.admin() : null)
                                .body("application/x-www-form-urlencoded", utf8("a=%ZZ")), ANY_4XX);
                    }
                }
            }
            add("form bodies", service, "POST multipart with a broken boundary",
                    Request.of("POST", service == KBS ? "/kbs/v0/auth" : service == AS ? "/policy"
                            : "/reference-values").bearer(service == KBS ? null : f.admin())
                            .body("multipart/form-data; boundary=xyz", utf8("--xyz\r\nbroken")), ANY_4XX);
        }
    }

    // --- replayed nonces and cookies -----------------------------------------------------------------------------

    private void replay() {
        add("replay", KBS, "a stolen session cookie with an empty object",
                Request.of("POST", "/kbs/v0/attest").header("Cookie", f.finishedCookie()).json("{}"), ANY_4XX);
        add("replay", KBS, "a stolen session cookie with junk",
                Request.of("POST", "/kbs/v0/attest").header("Cookie", f.finishedCookie()).json("junk"), ANY_4XX);
        add("replay", KBS, "a finished session's evidence under a fresh session",
                Request.of("POST", "/kbs/v0/attest").header("Cookie", f.freshCookie()).json(f.finishedAttestBody()),
                401);
        add("replay", KBS, "a finished session's evidence without a cookie",
                Request.of("POST", "/kbs/v0/attest").json(f.finishedAttestBody()), 401);
        add("replay", KBS, "an unknown session id",
                Request.of("POST", "/kbs/v0/attest").header("Cookie", "kbs-session-id=" + java.util.UUID.randomUUID())
                        .json(f.finishedAttestBody()), 401);
        add("replay", KBS, "an unknown session id on a resource",
                Request.of("GET", "/kbs/v0/resource/it/key/one")
                        .header("Cookie", "kbs-session-id=" + java.util.UUID.randomUUID()), 401);
        add("replay", KBS, "a session id with quotes and commas",
                Request.of("GET", "/kbs/v0/resource/it/key/one").header("Cookie", "kbs-session-id=\"a,b;c\""),
                ANY_4XX);
        add("replay", KBS, "two session cookies",
                Request.of("GET", "/kbs/v0/resource/it/key/one")
                        .header("Cookie", "kbs-session-id=x; kbs-session-id=y"), ANY_4XX);
        add("replay", KBS, "the session cookie on an admin listing",
                Request.of("GET", "/kbs/v0/admin/resources").header("Cookie", f.finishedCookie()), 401);
        add("replay", AS, "a finished session's evidence posted straight to the AS",
                Request.of("POST", "/attestation").json(asRequest()), 401);
        add("replay", AS, "a finished session's evidence with the guest's EAR token",
                Request.of("POST", "/attestation").bearer(f.earToken()).json(asRequest()), 401);
        add("replay", AS, "a finished session's evidence with the session cookie",
                Request.of("POST", "/attestation").header("Cookie", f.finishedCookie()).json(asRequest()), 401);
        add("replay", KBS, "the guest's EAR token on an admin listing",
                Request.of("GET", "/kbs/v0/admin/resources").bearer(f.earToken()), 401);
        add("replay", KBS, "the guest's EAR token setting a resource policy",
                Request.of("POST", "/kbs/v0/resource-policy").bearer(f.earToken()).json("{\"policy\":\"dHJ1ZQ\"}"),
                401);
        add("replay", AS, "the guest's EAR token on the policy list",
                Request.of("GET", "/policy").bearer(f.earToken()), 401);
        add("replay", RVPS, "the guest's EAR token on the reference values",
                Request.of("GET", "/reference-values").bearer(f.earToken()), 401);
    }

    private String asRequest() {
        String evidence = dev.arca.model.json.Base64s.url(utf8(dev.arca.model.json.Json.tree(f.finishedAttestBody())
                .get("tee-evidence").toString()));
        String runtime = dev.arca.model.json.Json.tree(f.finishedAttestBody()).get("runtime-data").toString();
        return "{\"verification_requests\":[{\"tee\":\"sample\",\"evidence\":\"" + evidence
                + "\",\"runtime_data\":{\"structured\":" + runtime + "}}],\"policy_ids\":[]}";
    }

    // --- forged tokens -------------------------------------------------------------------------------------------

    /** Calls that would change or disclose something if a forged token were taken for an admin's. */
    private List<Object[]> adminTargets() {
        String rv = dev.arca.model.json.Base64s.std(utf8("{\"svn\":[\"9\"],\"launch_digest\":[\"forged\"]}"));
        return List.of(
                new Object[] {KBS, Request.of("GET", "/kbs/v0/admin/resources")},
                new Object[] {KBS, Request.of("GET", "/kbs/v0/admin/audit")},
                new Object[] {KBS, Request.of("POST", "/kbs/v0/resource-policy").json("{\"policy\":\"dHJ1ZQ\"}")},
                new Object[] {KBS, Request.of("POST", "/kbs/v0/resource/it/key/one")
                        .body("application/octet-stream", utf8("overwritten"))},
                new Object[] {AS, Request.of("POST", "/policy")
                        .json("{\"policy_id\":\"default\",\"policy\":\"dHJ1ZQ\",\"type\":\"cel\"}")},
                new Object[] {AS, Request.of("GET", "/policy")},
                new Object[] {RVPS, Request.of("GET", "/reference-values")},
                new Object[] {RVPS, Request.of("POST", "/reference-values")
                        .json("{\"version\":\"0.1.0\",\"type\":\"sample\",\"payload\":\"" + rv + "\"}")});
    }

    private void forgedTokens() throws Exception {
        for (Map.Entry<String, String> token : f.tokens().forgedAdmin().entrySet()) {
            for (Object[] target : adminTargets()) {
                Request request = copyWithBearer((Request) target[1], token.getValue());
                add("forged tokens", (ServiceKind) target[0], token.getKey() + " on " + describe((Request) target[1]),
                        request, 401);
            }
        }
        // a caller token is never an admin token, and an admin key never signs for a caller
        String kbsCaller = f.kbsCaller();
        String claimingAdmin = f.tokens().kbsCallerClaimingAdmin();
        for (Object[] target : adminTargets()) {
            ServiceKind service = (ServiceKind) target[0];
            Request base = (Request) target[1];
            boolean asRead = service == AS && base.method().equals("GET");
            if (!asRead) {
                add("forged tokens", service, "the KBS's caller token as admin on " + describe(base),
                        copyWithBearer(base, kbsCaller), service == AS ? 403 : 401);
                add("forged tokens", service, "the KBS's caller token claiming role admin on " + describe(base),
                        copyWithBearer(base, claimingAdmin), service == AS ? 403 : 401);
            }
            boolean rvpsRead = service == RVPS && base.method().equals("GET");
            if (!rvpsRead) {
                add("forged tokens", service, "the AS's caller token as admin on " + describe(base),
                        copyWithBearer(base, f.asCaller()), service == RVPS ? 403 : 401);
            }
        }
        add("forged tokens", AS, "an admin-key token shaped as the KBS's caller token",
                Request.of("POST", "/challenge").bearer(f.tokens().adminKeyAsKbsCaller())
                        .json("{\"tee\":\"sample\"}"), 401);
        add("forged tokens", RVPS, "the KBS's caller token (not a caller of the RVPS)",
                Request.of("GET", "/reference-values").bearer(f.tokens().kbsCallerForTheRvps()), 401);
        add("forged tokens", AS, "the KBS's caller token for another audience",
                Request.of("POST", "/challenge").bearer(f.tokens().kbsCallerForTheRvps())
                        .json("{\"tee\":\"sample\"}"), 401);
        add("forged tokens", AS, "the AS's own caller token at the AS",
                Request.of("POST", "/challenge").bearer(f.asCaller()).json("{\"tee\":\"sample\"}"), 401);
        add("forged tokens", KBS, "a forged attestation token (header jwk) for a resource",
                Request.of("GET", "/kbs/v0/resource/it/key/one").bearer(f.tokens().forgedAttestationToken()), 401);
        add("forged tokens", KBS, "an admin token as an attestation token for a resource",
                Request.of("GET", "/kbs/v0/resource/it/key/one").bearer(f.admin()), 401);
        add("forged tokens", KBS, "alg none as an attestation token for a resource",
                Request.of("GET", "/kbs/v0/resource/it/key/one")
                        .bearer(f.tokens().forgedAdmin().get("alg none")), 401);
        add("forged tokens", KBS, "Basic credentials on an admin listing",
                Request.of("GET", "/kbs/v0/admin/resources").header("Authorization", "Basic YWRtaW46YWRtaW4="),
                401);
        add("forged tokens", KBS, "an empty Bearer on an admin listing",
                Request.of("GET", "/kbs/v0/admin/resources").header("Authorization", "Bearer "), ANY_4XX);
        add("forged tokens", AS, "two Authorization headers",
                Request.of("GET", "/policy").bearer(f.kbsCaller()).header("Authorization", "Bearer x"), 401);
        add("forged tokens", KBS, "two Authorization headers, the first an admin's",
                Request.of("GET", "/kbs/v0/admin/resources").bearer(f.admin()).header("Authorization", "Bearer x"),
                401);
        add("forged tokens", RVPS, "two Authorization headers, the second an admin's",
                Request.of("GET", "/reference-values").header("Authorization", "Bearer x").bearer(f.admin()), 401);
        add("forged tokens", RVPS, "an access_token query parameter",
                Request.of("GET", "/reference-values?access_token=" + f.admin()), 401);
    }

    // --- admin calls without credentials or with the wrong role ----------------------------------------------

    private void adminWithoutTheRightCredential() throws Exception {
        List<Object[]> admin = new ArrayList<>(adminTargets());
        admin.add(new Object[] {KBS, Request.of("DELETE", "/kbs/v0/resource/it/key/one")});
        admin.add(new Object[] {KBS, Request.of("GET", "/kbs/v0/resource-policy")});
        admin.add(new Object[] {KBS, Request.of("GET", "/kbs/v0/admin/resource-policies")});
        admin.add(new Object[] {KBS, Request.of("GET", "/kbs/v0/admin/resource-policies/default")});
        admin.add(new Object[] {KBS, Request.of("PUT", "/kbs/v0/admin/resource-policies/default")
                .json("{\"policy\":\"dHJ1ZQ\",\"binding\":\"\"}")});
        admin.add(new Object[] {KBS, Request.of("DELETE", "/kbs/v0/admin/resource-policies/default")});
        admin.add(new Object[] {KBS, Request.of("POST", "/kbs/v0/attestation-policy")
                .json("{\"policy_id\":\"default\",\"policy\":\"dHJ1ZQ\",\"type\":\"cel\"}")});
        admin.add(new Object[] {KBS, Request.of("POST", "/kbs/v0/reference-value")
                .json("{\"version\":\"0.1.0\",\"type\":\"sample\",\"payload\":\"e30\"}")});
        admin.add(new Object[] {AS, Request.of("DELETE", "/policy/default")});
        admin.add(new Object[] {RVPS, Request.of("DELETE", "/reference-values/sample")});
        String guestRole = f.tokens().role("guest");
        String blankRole = f.tokens().role(" ");
        for (Object[] target : admin) {
            ServiceKind service = (ServiceKind) target[0];
            Request base = (Request) target[1];
            boolean read = base.method().equals("GET");
            add("admin without credentials", service, "anonymous " + describe(base), copyWithBearer(base, null), 401);
            if (!(service == RVPS && read)) {
                add("admin with the wrong role", service, "role reader on " + describe(base),
                        copyWithBearer(base, f.reader()), 403);
            }
            add("admin with the wrong role", service, "role guest on " + describe(base),
                    copyWithBearer(base, guestRole), 403);
            add("admin with the wrong role", service, "blank role on " + describe(base),
                    copyWithBearer(base, blankRole), 401);
        }
    }

    // --- plumbing -----------------------------------------------------------------------------------------------

    private static Request copyWithBearer(Request request, String token) {
        return request.copy().bearer(token);
    }

    private static String describe(Request request) {
        return request.method() + " " + request.target();
    }

    private static ServiceKind service(String name) {
        return switch (name) {
            case "KBS" -> KBS;
            case "AS" -> AS;
            default -> RVPS;
        };
    }

    private void add(String inputClass, ServiceKind service, String name, Request request, int expected) {
        cases.add(request.expect(inputClass, service, name, expected));
    }

    static String abbreviate(String text) {
        return text.length() > 100 ? text.substring(0, 60) + "… (" + text.length() + " chars)" : text;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
