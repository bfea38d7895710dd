package dev.arca.service.declarative;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result of the last scan of a declarative-configuration directory, for health details and metrics.
 *
 * @param at       when the scan ran
 * @param loaded   ids in force after the scan, sorted
 * @param refused  file name to reason, for files refused by this scan (their previous version, if any, is in force)
 * @param failure  why the directory could not be read at all ({@code null} when it could): everything stays as it was
 */
public record LoadReport(Instant at, List<String> loaded, Map<String, String> refused, String failure) {

    public LoadReport {
        loaded = List.copyOf(loaded);
        refused = Map.copyOf(refused);
    }

    /** The health details every service shows for its declared configuration (a health indicator's details). */
    public Map<String, Object> details() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("lastLoad", at.toString());
        details.put("clean", clean());
        details.put("loaded", loaded);
        details.put("refused", refused);
        if (failure != null) {
            details.put("failure", failure);
        }
        return details;
    }

    /** True when every file was accepted and the directory was readable. */
    public boolean clean() {
        return refused.isEmpty() && failure == null;
    }
}
