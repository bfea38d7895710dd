package dev.arca.launcher;

import dev.arca.launcher.suite.LaunchFailure;
import dev.arca.policy.cel.CelValues;
import dev.arca.policy.cel.PolicyEnvironment;
import dev.arca.policy.cel.PolicyOutcome;
import dev.arca.rego.RegoEngine;
import dev.arca.rego.RegoException;
import dev.arca.rego.value.Json;
import dev.arca.rego.value.ObjectValue;
import dev.arca.rego.value.StringValue;
import dev.arca.rego.value.Value;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code ./arca policy test POLICY [--input F] [--data F] [--reference-values F] [--query REF]}: evaluates a policy
 * file against an input document offline, what {@code opa eval} is to OPA users. A Rego module is queried for
 * {@code --query} (default {@code data.policy}); a CEL expression is evaluated with {@code input} and {@code request}
 * (the {@code --data} document). Prints the result as JSON; exit 0 when it is defined, 1 when it is undefined or the
 * evaluation fails.
 */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = "Evaluate a policy file (Rego or CEL) against an input file, offline. Prints the result as JSON.")
final class PolicyTestCommand implements Callable<Integer> {

    @ParentCommand
    PolicyCommand policy;

    @Parameters(index = "0", paramLabel = "POLICY", description = "policy file: a Rego module or a CEL expression")
    Path policyFile;

    @Option(names = "--input", paramLabel = "FILE", description = "JSON input document (Rego and CEL `input`)")
    Path inputFile;

    @Option(names = "--data", paramLabel = "FILE",
            description = "JSON data document (Rego `data`; CEL `request` of a resource policy)")
    Path dataFile;

    @Option(names = "--reference-values", paramLabel = "FILE",
            description = "JSON object of reference-value name to value, answered by query_reference_value(name)")
    Path referenceValuesFile;

    @Option(names = "--query", paramLabel = "REF", defaultValue = "data.policy",
            description = "what to evaluate in a Rego module (default: ${DEFAULT-VALUE}), e.g. data.policy.allow")
    String query;

    @Override
    public Integer call() throws LaunchFailure {
        String text = read(policyFile);
        String input = inputFile == null ? null : read(inputFile);
        String data = dataFile == null ? null : read(dataFile);
        String result = RegoEngine.isModuleText(text) ? rego(text, input, data) : cel(text, input, data);
        if (result == null) {
            policy.arca.out().println("undefined");
            return LaunchFailure.FAILURE;
        }
        policy.arca.out().println(result);
        return 0;
    }

    private String rego(String text, String input, String data) throws LaunchFailure {
        var referenceValues = new HashMap<String, Value>();
        if (referenceValuesFile != null) {
            if (!(json(read(referenceValuesFile), referenceValuesFile) instanceof ObjectValue values)) {
                throw LaunchFailure.usage(referenceValuesFile + " must hold a JSON object of name to value");
            }
            values.entries().forEach((k, v) -> referenceValues.put(((StringValue) k).value(), v));
        }
        RegoEngine engine = RegoEngine.builder()
                .function("query_reference_value", 1, args -> args.get(0) instanceof StringValue name
                        ? referenceValues.get(name.value()) : null)
                .build();
        try {
            Optional<Value> value = engine.compile(text).evaluate(query,
                    input == null ? null : json(input, inputFile), data == null ? null : json(data, dataFile));
            return value.map(Json::write).orElse(null);
        } catch (RegoException e) {
            throw LaunchFailure.failure(policyFile + ":" + e.getMessage());
        }
    }

    private String cel(String text, String input, String data) throws LaunchFailure {
        PolicyEnvironment environment = PolicyEnvironment.builder().variable("input").variable("request").build();
        var variables = new HashMap<String, Object>();
        variables.put("input", input == null ? CelValues.NULL : CelValues.of(dev.arca.model.json.Json.tree(input)));
        variables.put("request", data == null ? CelValues.NULL : CelValues.of(dev.arca.model.json.Json.tree(data)));
        return switch (environment.evaluate(text, variables)) {
            case PolicyOutcome.Value value -> dev.arca.model.json.Json.write(CelValues.toJson(value.value()));
            case PolicyOutcome.BudgetExceeded exceeded -> throw LaunchFailure.failure(policyFile
                    + ": over the evaluation budget: " + exceeded.detail());
            case PolicyOutcome.Failed failed -> throw LaunchFailure.failure(policyFile + ": " + failed.detail());
        };
    }

    private static Value json(String text, Path from) throws LaunchFailure {
        try {
            return Json.parse(text);
        } catch (IllegalArgumentException e) {
            throw LaunchFailure.usage(from + ": " + e.getMessage());
        }
    }

    private static String read(Path file) throws LaunchFailure {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw LaunchFailure.usage("cannot read " + file + ": " + e.getMessage());
        }
    }
}
