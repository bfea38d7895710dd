package dev.arca.admin.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs the admin CLI in this JVM with a chosen environment and standard input, and keeps what it printed. */
final class AdminCliHarness {

    final Map<String, String> environment = new HashMap<>();
    private byte[] stdin = new byte[0];
    private ByteArrayOutputStream out = new ByteArrayOutputStream();
    private ByteArrayOutputStream err = new ByteArrayOutputStream();

    AdminCliHarness stdin(String text) {
        stdin = text.getBytes(StandardCharsets.UTF_8);
        return this;
    }

    int run(String... args) {
        out = new ByteArrayOutputStream();
        err = new ByteArrayOutputStream();
        int exit = AdminCli.run(args, new ByteArrayInputStream(stdin), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), environment);
        stdin = new byte[0];
        return exit;
    }

    /** Runs COMMAND with the given leading options, then the rest. */
    int run(List<String> leading, String command, String... rest) {
        List<String> all = new ArrayList<>();
        all.add(command);
        all.addAll(leading);
        all.addAll(Arrays.asList(rest));
        return run(all.toArray(String[]::new));
    }

    String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
