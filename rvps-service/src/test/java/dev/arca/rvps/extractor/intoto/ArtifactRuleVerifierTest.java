package dev.arca.rvps.extractor.intoto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.model.json.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rule semantics of in-toto spec §4.3.3 on small links. */
class ArtifactRuleVerifierTest {

    private static final Map<String, String> A = Map.of("sha256", "aa");
    private static final Map<String, String> B = Map.of("sha256", "bb");

    private static List<ArtifactRule> rules(String json) {
        return ArtifactRule.parseList(Json.tree(json), "test rules");
    }

    private static Layout.Step step(String materialRules, String productRules) {
        return new Layout.Step("build", 1, List.of(), rules(materialRules), rules(productRules), List.of());
    }

    private static Link link(Map<String, Map<String, String>> materials, Map<String, Map<String, String>> products) {
        return new Link("build", List.of(), materials, products);
    }

    private static void verifyProducts(Layout.Step step, Link link, Map<String, Link> others) {
        ArtifactRuleVerifier.verify(step, true, link, others);
    }

    @Test
    void createConsumesOnlyNewProducts() {
        Link link = link(Map.of("foo.c", A), Map.of("foo.c", A, "foo.o", B));

        assertThatCode(() -> verifyProducts(step("[]", "[[\"CREATE\", \"*\"], [\"ALLOW\", \"foo.c\"],"
                + " [\"DISALLOW\", \"*\"]]"), link, Map.of())).doesNotThrowAnyException();
        assertThatThrownBy(() -> verifyProducts(step("[]", "[[\"CREATE\", \"*\"], [\"DISALLOW\", \"*\"]]"), link,
                Map.of())).hasMessageContaining("product rule \"DISALLOW *\" failed: [foo.c]");
    }

    @Test
    void deleteConsumesMaterialsThatAreGone() {
        Link link = link(Map.of("old.txt", A, "kept.txt", B), Map.of("kept.txt", B));
        Layout.Step step = step("[[\"DELETE\", \"*\"], [\"DISALLOW\", \"*\"]]", "[]");

        assertThatThrownBy(() -> ArtifactRuleVerifier.verify(step, false, link, Map.of()))
                .hasMessageContaining("material rule \"DISALLOW *\" failed: [kept.txt]");
        Link onlyDeleted = link(Map.of("old.txt", A), Map.of());
        assertThatCode(() -> ArtifactRuleVerifier.verify(step, false, onlyDeleted, Map.of()))
                .doesNotThrowAnyException();
    }

    @Test
    void modifyConsumesProductsWhoseHashChanged() {
        Layout.Step step = step("[]", "[[\"MODIFY\", \"*.txt\"], [\"DISALLOW\", \"*\"]]");

        assertThatCode(() -> verifyProducts(step, link(Map.of("a.txt", A), Map.of("a.txt", B)), Map.of()))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> verifyProducts(step, link(Map.of("a.txt", A), Map.of("a.txt", A)), Map.of()))
                .hasMessageContaining("[a.txt]");
    }

    @Test
    void rulesApplyInOrderLikeFirewallRules() {
        Link link = link(Map.of(), Map.of("a.txt", A));

        assertThatCode(() -> verifyProducts(step("[]", "[[\"ALLOW\", \"a.txt\"], [\"DISALLOW\", \"*\"]]"), link,
                Map.of())).doesNotThrowAnyException();
        assertThatThrownBy(() -> verifyProducts(step("[]", "[[\"DISALLOW\", \"*\"], [\"ALLOW\", \"a.txt\"]]"), link,
                Map.of())).hasMessageContaining("DISALLOW *");
        // the implicit ALLOW * at the end (§4.3.3.1)
        assertThatCode(() -> verifyProducts(step("[]", "[]"), link, Map.of())).doesNotThrowAnyException();
    }

    @Test
    void requireNeedsAMatchingArtifactNotYetConsumed() {
        Link link = link(Map.of(), Map.of("README.md", A));

        assertThatCode(() -> verifyProducts(step("[]", "[[\"REQUIRE\", \"README.md\"]]"), link, Map.of()))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> verifyProducts(step("[]", "[[\"REQUIRE\", \"LICENSE\"]]"), link, Map.of()))
                .hasMessageContaining("product rule \"REQUIRE LICENSE\" failed: no product matches LICENSE");
        assertThatThrownBy(() -> verifyProducts(step("[]", "[[\"ALLOW\", \"*\"], [\"REQUIRE\", \"README.md\"]]"),
                link, Map.of())).hasMessageContaining("REQUIRE README.md");
    }

    @Test
    void matchConsumesArtifactsWithTheSameHashesUnderTheMappedPath() {
        Link compile = new Link("compile", List.of(), Map.of(), Map.of("build/lib/foo.so", A, "build/lib/bar.so", A));
        Link link = link(Map.of("lib/foo.so", A, "lib/bar.so", B), Map.of());
        Layout.Step step = step("[[\"MATCH\", \"*.so\", \"IN\", \"lib/\", \"WITH\", \"PRODUCTS\", \"IN\","
                + " \"build/lib\", \"FROM\", \"compile\"], [\"DISALLOW\", \"*\"]]", "[]");

        // bar.so has another hash than compile produced: not consumed, so DISALLOW * catches it
        assertThatThrownBy(() -> ArtifactRuleVerifier.verify(step, false, link, Map.of("compile", compile)))
                .hasMessageContaining("[lib/bar.so]");
        Link matching = link(Map.of("lib/foo.so", A, "lib/bar.so", A), Map.of());
        assertThatCode(() -> ArtifactRuleVerifier.verify(step, false, matching, Map.of("compile", compile)))
                .doesNotThrowAnyException();
    }

    @Test
    void matchAgainstMaterialsAndAgainstAStepWithoutLinkConsumesNothingElse() {
        Link fetch = new Link("fetch", List.of(), Map.of("src.tar", A), Map.of());
        Link link = link(Map.of("src.tar", A), Map.of());

        assertThatCode(() -> ArtifactRuleVerifier.verify(step("[[\"match\", \"src.tar\", \"with\", \"materials\","
                + " \"from\", \"fetch\"], [\"DISALLOW\", \"*\"]]", "[]"), false, link, Map.of("fetch", fetch)))
                .as("keywords are case-insensitive").doesNotThrowAnyException();
        assertThatThrownBy(() -> ArtifactRuleVerifier.verify(step("[[\"MATCH\", \"src.tar\", \"WITH\","
                + " \"MATERIALS\", \"FROM\", \"untar\"], [\"DISALLOW\", \"*\"]]", "[]"), false, link,
                Map.of("fetch", fetch))).hasMessageContaining("[src.tar]");
    }

    @Test
    void malformedRulesAreRefused() {
        assertThatThrownBy(() -> rules("[[\"MATCH\", \"foo\", \"FROM\", \"x\"]]"))
                .isInstanceOf(InTotoRefusedException.class).hasMessageContaining("must read MATCH <pattern>");
        assertThatThrownBy(() -> rules("[[\"MATCH\", \"foo\", \"WITH\", \"THINGS\", \"FROM\", \"x\"]]"))
                .hasMessageContaining("must read MATCH");
        assertThatThrownBy(() -> rules("[[\"COPY\", \"foo\"]]")).hasMessageContaining("unknown rule type COPY");
        assertThatThrownBy(() -> rules("[[\"ALLOW\"]]")).hasMessageContaining("[\"ALLOW\", <pattern>]");
        assertThatThrownBy(() -> rules("[\"ALLOW *\"]")).hasMessageContaining("non-empty array of strings");
        assertThat(rules("[[\"MATCH\", \"f\", \"IN\", \"a\", \"WITH\", \"PRODUCTS\", \"FROM\", \"s\"]]").getFirst())
                .isInstanceOf(ArtifactRule.Match.class);
    }
}
