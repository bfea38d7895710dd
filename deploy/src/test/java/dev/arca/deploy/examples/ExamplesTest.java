package dev.arca.deploy.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.types.CelKind;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelFunctionBinding;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * deploy/examples: the configurations parse and are consistent, and the policies compile in the CEL environments
 * of docs/architecture.md and decide as the examples' README says, on the example reference values.
 */
class ExamplesTest {

    private static final Path EXAMPLES = Path.of("examples");
    private static final Yaml YAML = new Yaml(new SafeConstructor(new LoaderOptions()));

    private static Map<String, Object> referenceValues;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void readReferenceValues() throws Exception {
        // JSON is YAML: one parser for both
        referenceValues = (Map<String, Object>) YAML.load(read("rvps/reference-values.payload.json"));
    }

    @ParameterizedTest
    @CsvSource({"kbs-service, kbs, 8443", "attestation-service, attestation, 8444", "rvps-service, rvps, 8445"})
    void serviceConfigurationsUseHttpsFromPemAndTheirOwnPostgresqlSchema(String service, String schema, int port)
            throws Exception {
        Map<String, Object> config = YAML.load(read(service + "/application.yaml"));

        assertThat(at(config, "server.port")).isEqualTo(port);
        String bundle = (String) at(config, "server.ssl.bundle");
        @SuppressWarnings("unchecked")
        Map<String, Object> pem = (Map<String, Object>) at(config, "spring.ssl.bundle.pem");
        assertThat(pem).as("server.ssl.bundle names a PEM bundle").containsOnlyKeys(bundle);
        assertThat((String) at(config, "spring.ssl.bundle.pem." + bundle + ".keystore.certificate")).startsWith("file:");
        assertThat((String) at(config, "spring.ssl.bundle.pem." + bundle + ".keystore.private-key")).startsWith("file:");
        assertThat((String) at(config, "spring.datasource.url")).startsWith("jdbc:postgresql://")
                .contains("sslmode=verify-full").endsWith("currentSchema=" + schema);
        assertThat(at(config, "spring.flyway.schemas")).isEqualTo(schema);
        // no secret in a file meant to be copied around: the password comes from the environment
        assertThat(at(config, "spring.datasource.password")).isEqualTo("${ARCA_DB_PASSWORD}");
        assertThat((List<?>) at(config, "arca.admin.public-key-files")).isNotEmpty();
    }

    @Test
    void theKbsAndAsConfigurationsNameTheirKeyFiles() throws Exception {
        Map<String, Object> kbs = YAML.load(read("kbs-service/application.yaml"));
        Map<String, Object> as = YAML.load(read("attestation-service/application.yaml"));

        assertThat(at(kbs, "arca.kbs.kek-file")).isEqualTo("/etc/arca/kbs/kek");
        assertThat(at(kbs, "arca.kbs.session-store")).isEqualTo("jdbc");
        assertThat((String) at(kbs, "arca.kbs.as-url")).startsWith("https://");
        assertThat(at(as, "arca.as.token.signing-key-file")).isEqualTo("/etc/arca/as/token-signing-key.pem");
        assertThat((String) at(as, "arca.as.rvps-url")).startsWith("https://");
    }

    @Test
    void theRvpsMessageCarriesTheDecodedPayloadFile() throws Exception {
        Map<String, Object> message = YAML.load(read("rvps/reference-values.json"));

        assertThat(message).containsOnlyKeys("version", "type", "payload")
                .containsEntry("version", "0.1.0").containsEntry("type", "sample");
        String payload = new String(Base64.getDecoder().decode((String) message.get("payload")), StandardCharsets.UTF_8);
        assertThat(payload).isEqualTo(read("rvps/reference-values.payload.json"));
        assertThat(referenceValues).containsOnlyKeys("mr_td", "rtmr_1", "rtmr_2", "xfam");
        assertThat(referenceValues.values()).allSatisfy(v -> assertThat((List<?>) v).isNotEmpty());
    }

    @Test
    void theAttestationPolicyAffirmsATdxGuestMatchingTheReferenceValues() throws Exception {
        Cel cel = attestationPolicyEnvironment();
        CelAbstractSyntaxTree ast = cel.compile(read("policies/attestation-policy.cel")).getAst();
        assertThat(ast.getResultType()).isEqualTo(MapType.create(SimpleType.STRING, SimpleType.INT));

        Map<String, Object> good = tdxClaims(first("mr_td"), false);
        assertThat(cel.createProgram(ast).eval(Map.of("input", good)))
                .isEqualTo(Map.of("hardware", 2L, "executables", 3L, "configuration", 2L));

        Map<String, Object> otherImage = tdxClaims("00".repeat(48), false);
        assertThat(cel.createProgram(ast).eval(Map.of("input", otherImage))).extracting("hardware").isEqualTo(97L);

        Map<String, Object> debug = tdxClaims(first("mr_td"), true);
        assertThat(cel.createProgram(ast).eval(Map.of("input", debug))).extracting("configuration").isEqualTo(36L);

        assertThat(cel.createProgram(ast).eval(Map.of("input", Map.of("sample", Map.of("svn", "1")))))
                .isEqualTo(Map.of("hardware", 97L, "executables", 33L, "configuration", 36L));
    }

    @Test
    void theResourcePolicyReleasesOnlyToAffirmingTdxGuests() throws Exception {
        Cel cel = CelFactory.plannerCelBuilder()
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .addVar("input", MapType.create(SimpleType.STRING, SimpleType.DYN))
                .addVar("request", MapType.create(SimpleType.STRING, SimpleType.DYN))
                .build();
        String policy = read("policies/resource-policy.cel");
        assertThat(cel.compile(policy).getAst().getResultType().kind()).isIn(CelKind.BOOL, CelKind.DYN);
        // planned from the parsed expression, as the KBS does (kbs-service ResourcePolicyEngine)
        var program = cel.createProgram(cel.parse(policy).getAst());

        assertThat(program.eval(vars(token("affirming", "tdx", 3), "default"))).isEqualTo(true);
        assertThat(program.eval(vars(token("affirming", "tdx", 33), "default"))).isEqualTo(true);
        assertThat(program.eval(vars(token("affirming", "tdx", 3), "production"))).isEqualTo(true);
        assertThat(program.eval(vars(token("affirming", "tdx", 33), "production"))).isEqualTo(false);
        assertThat(program.eval(vars(token("warning", "tdx", 3), "default"))).isEqualTo(false);
        assertThat(program.eval(vars(token("affirming", "sample", 3), "default"))).isEqualTo(false);
        assertThat(program.eval(vars(token("affirming", "snp", 3), "default"))).isEqualTo(false);
    }

    /** The variable and functions of an attestation policy (docs/architecture.md "Attestation policy"). */
    private static Cel attestationPolicyEnvironment() {
        return CelFactory.standardCelBuilder()
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .addVar("input", MapType.create(SimpleType.STRING, SimpleType.DYN))
                .addFunctionDeclarations(
                        CelFunctionDecl.newFunctionDeclaration("rv",
                                CelOverloadDecl.newGlobalOverload("rv_string", SimpleType.DYN, SimpleType.STRING)),
                        CelFunctionDecl.newFunctionDeclaration("rv_has",
                                CelOverloadDecl.newGlobalOverload("rv_has_string_dyn", SimpleType.BOOL,
                                        SimpleType.STRING, SimpleType.DYN)))
                // stand-ins for the AS's functions, answering from the example reference values
                .addFunctionBindings(
                        CelFunctionBinding.from("rv_string", String.class,
                                name -> referenceValues.getOrDefault(name, com.google.protobuf.NullValue.NULL_VALUE)),
                        CelFunctionBinding.from("rv_has_string_dyn", String.class, Object.class, (name, value) -> {
                            Object reference = referenceValues.get(name);
                            return reference instanceof List<?> list ? list.contains(value) : value.equals(reference);
                        }))
                .build();
    }

    /**
     * The TDX claims the policy reads, with the example's measurements (Trustee's
     * deps/verifier/test_data/tdx_quote_6.dat).
     */
    private static Map<String, Object> tdxClaims(String mrTd, boolean debug) {
        Map<String, Object> body = new HashMap<>();
        body.put("mr_td", mrTd);
        body.put("rtmr_1", first("rtmr_1"));
        body.put("rtmr_2", first("rtmr_2"));
        body.put("xfam", first("xfam"));
        return Map.of("tdx", Map.of(
                "quote", Map.of("header", Map.of("tee_type", "81000000"), "body", body),
                "tcb_status", "UpToDate",
                "collateral_expiration_status", "0",
                "td_attributes", Map.of("debug", debug)));
    }

    private static Map<String, Object> token(String status, String tee, long executables) {
        return Map.of("submods", Map.of("cpu0", Map.of(
                "ear.status", status,
                "ear.trustworthiness-vector", Map.of("executables", executables, "hardware", 2L),
                "ear.veraison.annotated-evidence", Map.of(tee, Map.of()))));
    }

    private static Map<String, Object> vars(Map<String, Object> token, String repository) {
        return Map.of("input", token, "request",
                Map.of("plugin", "resource", "path", List.of(repository, "key", "1"), "query", Map.of()));
    }

    private static String first(String name) {
        return (String) ((List<?>) referenceValues.get(name)).getFirst();
    }

    private static Object at(Map<String, Object> root, String dotted) {
        Object current = root;
        for (String key : dotted.split("\\.")) {
            current = current instanceof Map<?, ?> map ? map.get(key) : null;
        }
        return current;
    }

    private static String read(String file) throws Exception {
        return Files.readString(EXAMPLES.resolve(file));
    }
}
