package dev.arca.rego.builtin;

import dev.arca.rego.value.ObjectValue;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * What the embedder lets policies reach beyond their input and data: where {@code print} and {@code trace} write, the
 * document {@code opa.runtime()} returns, the randomness of {@code rand.intn}, and {@code http.send} (null: off,
 * every call fails with {@code eval_builtin_error}). Shared by all evaluations of an engine.
 */
public record Environment(Consumer<String> printSink, ObjectValue runtime, RandomGenerator random, HttpSend http) {
    public static final Environment DEFAULT =
            new Environment(line -> { }, ObjectValue.EMPTY, new java.security.SecureRandom(), null);

    public Environment {
        Objects.requireNonNull(printSink, "printSink");
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(random, "random");
    }
}
