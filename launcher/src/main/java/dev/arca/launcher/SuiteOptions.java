package dev.arca.launcher;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** JVM options for the three service processes. */
final class SuiteOptions {

    @Option(names = "--java-opts", split = " ", paramLabel = "OPTS",
            description = "JVM options for each service (default: ${DEFAULT-VALUE})",
            defaultValue = "-Xmx512m -XX:+UseSerialGC --enable-native-access=ALL-UNNAMED")
    List<String> javaOptions = new ArrayList<>();
}
