package dev.arca.rego;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Not-bodies ({@code not { a; b }}), which OPA enables with {@code import future.keywords.not} (and
 * {@code import rego.v2}): the negation holds when the body has no solution, across all its iterations.
 */
class NotBodyTest {
    private static final String POLICY = """
            package t
            import future.keywords.not

            both_set if {
                input.a == 1
                input.b == 2
            }

            not_both if not { input.a == 1; input.b == 2 }

            no_zero(xs) if not {
                some x in xs
                x == 0
            }
            ok_list if no_zero([1, 2, 3])
            zero_list if no_zero([1, 0, 3])

            # a variable bound outside is the same variable inside; variables bound inside stay inside
            limit := 2
            under_limit if {
                n := count(input.items)
                not {
                    n > limit
                }
                not {
                    some i
                    input.items[i] == "forbidden"
                }
            }
            """;

    @Test
    void holdsWhenTheBodyHasNoSolution() {
        assertThat(Rego.eval(POLICY, "data.t.not_both", "{\"a\":1,\"b\":2}")).isEqualTo("undefined");
        assertThat(Rego.eval(POLICY, "data.t.not_both", "{\"a\":1,\"b\":3}")).isEqualTo("true");
        assertThat(Rego.eval(POLICY, "data.t.not_both", "{}")).isEqualTo("true");
        assertThat(Rego.eval(POLICY, "data.t.both_set", "{\"a\":1,\"b\":2}")).isEqualTo("true");
    }

    @Test
    void everyIterationMustFail() {
        assertThat(Rego.eval(POLICY, "data.t.ok_list")).isEqualTo("true");
        assertThat(Rego.eval(POLICY, "data.t.zero_list")).isEqualTo("undefined");
    }

    @Test
    void seesOuterVariables() {
        assertThat(Rego.eval(POLICY, "data.t.under_limit", "{\"items\":[\"a\",\"b\"]}")).isEqualTo("true");
        assertThat(Rego.eval(POLICY, "data.t.under_limit", "{\"items\":[\"a\",\"b\",\"c\"]}")).isEqualTo("undefined");
        assertThat(Rego.eval(POLICY, "data.t.under_limit", "{\"items\":[\"forbidden\"]}")).isEqualTo("undefined");
    }

    @Test
    void regoV2ImportEnablesItToo() {
        String module = """
                package t
                import rego.v2
                default p := false
                p if {
                    not { input.a; input.b }
                }
                """;
        assertThat(Rego.eval(module, "data.t.p", "{\"a\":true,\"b\":false}")).isEqualTo("true");
        assertThat(Rego.eval(module, "data.t.p", "{\"a\":true,\"b\":true}")).isEqualTo("false");
    }

    @Test
    void withoutTheImportBracesAreATerm() {
        String module = "package t\np if not { input.a; input.b }\n";
        assertThatThrownBy(() -> Rego.eval(module, "data.t.p"))
                .isInstanceOf(RegoException.class)
                .satisfies(e -> assertThat(((RegoException) e).code()).isEqualTo("rego_parse_error"));
        // an object after not is still an object with the import
        String object = "package t\nimport future.keywords.not\np if not {\"a\": 1}\n";
        assertThat(Rego.eval(object, "data.t.p")).isEqualTo("undefined");
    }
}
