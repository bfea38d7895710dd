package dev.arca.launcher.suite;

import java.util.List;

/**
 * How the suite runs beyond one process per service: the PostgreSQL database the services share (null: each keeps
 * its H2 file in its data directory) and the ports of the KBS and AS replicas. An empty port list means one process
 * on the suite's port for that service; two or more ports mean that many replicas, each on its port, behind a
 * {@link RoundRobinFront} on the suite's port. The RVPS runs once: the AS caches its answers (stale-if-error).
 */
public record ScaleOut(SharedDatabase database, List<Integer> kbsReplicaPorts, List<Integer> asReplicaPorts) {

    public static final ScaleOut NONE = new ScaleOut(null, List.of(), List.of());

    public ScaleOut {
        kbsReplicaPorts = List.copyOf(kbsReplicaPorts);
        asReplicaPorts = List.copyOf(asReplicaPorts);
        if (kbsReplicaPorts.size() == 1 || asReplicaPorts.size() == 1) {
            throw new IllegalArgumentException("replica ports come two or more at a time; one replica uses the"
                    + " service's own port");
        }
        if (database == null && (!kbsReplicaPorts.isEmpty() || !asReplicaPorts.isEmpty())) {
            throw new IllegalArgumentException("several replicas need a shared PostgreSQL database: the H2 file of"
                    + " one replica cannot be shared");
        }
    }

    /** The ports of the replicas of that service; empty when it runs once, on the suite's port. */
    public List<Integer> replicaPorts(ServiceKind kind) {
        return switch (kind) {
            case KBS -> kbsReplicaPorts;
            case ATTESTATION_SERVICE -> asReplicaPorts;
            case RVPS -> List.of();
        };
    }

    public int replicas(ServiceKind kind) {
        return Math.max(1, replicaPorts(kind).size());
    }
}
