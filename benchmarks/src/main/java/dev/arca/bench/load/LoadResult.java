package dev.arca.bench.load;

import java.util.List;

/** What one load run measured: completed flows' latencies (sorted, microseconds), failures and the wall time. */
public record LoadResult(List<Long> latenciesMicros, int failures, double seconds) {

    public LoadResult {
        latenciesMicros = latenciesMicros.stream().sorted().toList();
    }

    public int completed() {
        return latenciesMicros.size();
    }

    public double perSecond() {
        return completed() / seconds;
    }

    /** The latency at {@code percentile} (nearest rank), in milliseconds; 0 without completed flows. */
    public double percentileMillis(double percentile) {
        if (latenciesMicros.isEmpty()) {
            return 0;
        }
        int index = (int) Math.ceil(percentile / 100.0 * latenciesMicros.size()) - 1;
        return latenciesMicros.get(Math.max(0, index)) / 1000.0;
    }

    public double maxMillis() {
        return latenciesMicros.isEmpty() ? 0 : latenciesMicros.getLast() / 1000.0;
    }
}
