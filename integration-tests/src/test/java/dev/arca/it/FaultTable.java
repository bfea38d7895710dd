package dev.arca.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the guests saw during each fault, one row per fault, computed from the flows and retryable answers recorded
 * by {@link GuestLoad}: a flow belongs to the row in whose window it started.
 */
final class FaultTable {

    /** One fault: its name, when it was injected, and when its row's window ends. */
    record Window(String fault, long start, long end, String note) {
    }

    record Row(String fault, int flows, int completed, int lost, int retried, int retryableAnswers,
            String retryableKinds, int unexpected, int wrongReleases, Duration longestGap, String note) {

        String markdown() {
            return String.format("| %s | %d | %d | %d | %d | %d%s | %d | %d | %.1f s | %s |", fault, flows, completed,
                    lost, retried, retryableAnswers, retryableKinds.isEmpty() ? "" : " (" + retryableKinds + ")",
                    unexpected, wrongReleases, longestGap.toMillis() / 1000.0, note);
        }
    }

    static final String HEADER = """
            | fault | flows | completed | lost | completed after a retry | retried answers (kinds) \
            | unexpected answers (5xx ≠ 503, …) | wrong releases | longest time without a completed flow | notes |
            |---|---|---|---|---|---|---|---|---|---|""";

    private FaultTable() {
    }

    static Row row(Window window, List<GuestLoad.Flow> flows, List<GuestLoad.Event> events) {
        List<GuestLoad.Flow> in = flows.stream().filter(f -> f.start() >= window.start() && f.start() < window.end())
                .toList();
        int completed = (int) in.stream().filter(GuestLoad.Flow::completed).count();
        int lost = (int) in.stream().filter(f -> !f.completed() && f.unexpected().isEmpty()).count();
        int retried = (int) in.stream().filter(f -> f.completed() && f.retries() > 0).count();
        int unexpected = in.stream().mapToInt(f -> f.unexpected().size()).sum();
        int wrong = in.stream().mapToInt(GuestLoad.Flow::wrongReleases).sum();
        List<GuestLoad.Event> seen = events.stream().filter(e -> e.at() >= window.start() && e.at() < window.end())
                .toList();
        // e.g. "503 ×12, transport ConnectException ×8": what the guests had to retry, most frequent first
        String kinds = seen.stream().collect(Collectors.groupingBy(GuestLoad.Event::kind,
                        Collectors.counting()))
                .entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> e.getKey() + " ×" + e.getValue()).collect(Collectors.joining(", "));
        return new Row(window.fault(), in.size(), completed, lost, retried, seen.size(), kinds, unexpected, wrong,
                longestGap(window, flows), window.note());
    }

    /** The longest stretch of the window in which no flow (whenever it started) completed. */
    static Duration longestGap(Window window, List<GuestLoad.Flow> flows) {
        List<Long> ends = new ArrayList<>(flows.stream().filter(GuestLoad.Flow::completed).map(GuestLoad.Flow::end)
                .filter(end -> end >= window.start() && end < window.end()).sorted(Comparator.naturalOrder())
                .toList());
        long previous = window.start();
        long longest = 0;
        ends.add(window.end());
        for (long end : ends) {
            longest = Math.max(longest, end - previous);
            previous = end;
        }
        return Duration.ofNanos(longest);
    }

    static String markdown(List<Row> rows) {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        rows.forEach(row -> out.append(row.markdown()).append('\n'));
        return out.toString();
    }
}
