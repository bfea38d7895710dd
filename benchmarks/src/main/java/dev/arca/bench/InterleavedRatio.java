package dev.arca.bench;

import java.util.Locale;

/**
 * An appraisal and its floor measured interleaved in one JVM — rounds of appraisals, then as many floor operations —
 * so that on a shared, loaded machine both see the same load and their ratio is meaningful even when JMH's sequential
 * runs are not. Used by the per-verifier {@code …Ratio} mains.
 */
final class InterleavedRatio {

    private static final int WARM_UP = 3_000;
    private static final int ROUNDS = 20;
    private static final int PER_ROUND = 200;

    /** One benchmark operation; benchmarks declare {@code throws Exception}. */
    @FunctionalInterface
    interface Operation {
        void run() throws Exception;
    }

    private InterleavedRatio() {
    }

    /** Prints "{@code what} X us, P-384 verify Y us: R P-384 verifies per report". */
    static void measure(String what, Operation appraisal, Operation floor) throws Exception {
        measure(what, "P-384 verify", "P-384 verifies", appraisal, floor);
    }

    /** Prints "{@code what} X us, {@code floor} Y us: R {@code floors} per report", e.g. SM2 verify / verifies. */
    static void measure(String what, String floorName, String floorsName, Operation appraisal, Operation floor)
            throws Exception {
        for (int i = 0; i < WARM_UP; i++) {
            appraisal.run();
            floor.run();
        }
        long appraisals = 0;
        long floors = 0;
        for (int round = 0; round < ROUNDS; round++) {
            long start = System.nanoTime();
            for (int i = 0; i < PER_ROUND; i++) {
                appraisal.run();
            }
            long middle = System.nanoTime();
            for (int i = 0; i < PER_ROUND; i++) {
                floor.run();
            }
            appraisals += middle - start;
            floors += System.nanoTime() - middle;
        }
        double each = ROUNDS * PER_ROUND * 1_000.0;
        System.out.printf(Locale.ROOT, "%s %.1f us, %s %.1f us: %.2f %s per report%n",
                what, appraisals / each, floorName, floors / each, (double) appraisals / floors, floorsName);
    }
}
