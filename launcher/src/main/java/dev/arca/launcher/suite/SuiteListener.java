package dev.arca.launcher.suite;

import java.time.Duration;

/** Start-up progress of each service, as it happens. */
public interface SuiteListener {

    SuiteListener SILENT = new SuiteListener() {
    };

    default void starting(ServiceKind kind, String url, long pid) {
    }

    default void ready(ServiceKind kind, Duration after) {
    }
}
