package dev.arca.rego;

import dev.arca.rego.value.Json;
import dev.arca.rego.value.Value;
import java.util.Optional;

/** Test shorthand: compile a module, evaluate a reference against JSON input, get JSON text back. */
final class Rego {
    static final RegoEngine ENGINE = RegoEngine.builder().build();

    private Rego() {
    }

    /** The JSON text of the reference's value, or "undefined". */
    static String eval(String module, String ref, String inputJson) {
        Value input = inputJson == null ? null : Json.parse(inputJson);
        Optional<Value> v = ENGINE.compile(module).evaluate(ref, input, null);
        return v.map(Json::write).orElse("undefined");
    }

    /** The error a module is refused with when it compiles; fails the test when it compiles. */
    static RegoException compileError(String module) {
        try {
            ENGINE.compile(module);
        } catch (RegoException e) {
            return e;
        }
        throw new AssertionError("compiled: " + module);
    }

    static String eval(String module, String ref) {
        return eval(module, ref, null);
    }

    /** A one-rule module in package t: {@code expr(\"count([1,2])\")} evaluates {@code x := count([1,2])}. */
    static String expr(String expression) {
        return eval("package t\nx := " + expression + "\n", "data.t.x");
    }
}
