package dev.arca.agent.measurement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.agent.attester.Attester;
import dev.arca.agent.attester.AttesterException;
import dev.arca.agent.attester.MeasurementRegister;
import dev.arca.agent.attester.SampleAttester;
import dev.arca.model.json.HashAlgorithm;
import dev.arca.model.json.Hex;
import dev.arca.model.tee.Tee;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The AA event log (Trustee confidential-containers-eventlog.md): entry bytes, digest vectors computed independently,
 * the write-ahead recovery.
 */
class RuntimeMeasurementTest {

    @TempDir
    Path dir;

    /** An in-memory SHA-384 register bank that can be told to fail, standing in for an RTMR. */
    private static final class MemoryRegister implements MeasurementRegister {
        final Map<Integer, byte[]> values = new HashMap<>();
        boolean failExtend;

        @Override
        public HashAlgorithm algorithm() {
            return HashAlgorithm.SHA384;
        }

        @Override
        public String description() {
            return "test register";
        }

        @Override
        public int eventLogIndex(int pcr) {
            return pcr + 100;
        }

        @Override
        public byte[] read(int pcr) {
            return values.getOrDefault(pcr, new byte[48]).clone();
        }

        @Override
        public void extend(int pcr, byte[] digest) throws AttesterException {
            if (failExtend) {
                throw new AttesterException("register unavailable");
            }
            byte[] old = read(pcr);
            byte[] joined = Arrays.copyOf(old, 96);
            System.arraycopy(digest, 0, joined, 48, 48);
            values.put(pcr, HashAlgorithm.SHA384.digest(joined));
        }
    }

    private static Attester withRegister(MeasurementRegister register) {
        return new Attester() {
            @Override
            public Tee tee() {
                return Tee.TDX;
            }

            @Override
            public JsonNode evidence(byte[] reportData) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Optional<MeasurementRegister> measurementRegister() {
                return Optional.of(register);
            }
        };
    }

    @Test
    void eventDigestsMatchTheSpecVectors() {
        AaelEvent event = new AaelEvent("domain", "operation", "content");
        // computed independently of this code
        assertThat(Hex.of(event.digest(HashAlgorithm.SHA256)))
                .isEqualTo("46df8dacf00a07d34a83cdf56d7978697790787cf2ba1432ef7c38f22cd96351");
        assertThat(Hex.of(event.digest(HashAlgorithm.SHA384))).isEqualTo("dad5f0e226318ffa9839b75a472c6aa7fdb583494"
                + "9d0a0a22990cf04d5692440fb00f3aa0609db7e49cd8d793f670d02");
    }

    @Test
    void theLogEntryIsATcgPcrEvent2WithAnAaelTaggedEvent() {
        byte[] entry = new AaelEvent("d", "o", "c").logEntry(4, HashAlgorithm.SHA384);
        ByteBuffer in = ByteBuffer.wrap(entry).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(in.getInt()).isEqualTo(4); // MR index
        assertThat(in.getInt()).isEqualTo(6); // EV_EVENT_TAG
        assertThat(in.getInt()).isEqualTo(1); // one digest
        assertThat(in.getShort()).isEqualTo((short) 0x000C); // SHA-384
        in.position(in.position() + 48);
        assertThat(in.getInt()).isEqualTo(13);
        assertThat(in.getInt()).isEqualTo(0x4141454C);
        assertThat(in.getInt()).isEqualTo(5);
        assertThat(new String(entry, in.position(), 5, StandardCharsets.UTF_8)).isEqualTo("d o c");
        assertThat(in.position() + 5).isEqualTo(entry.length);
    }

    @Test
    void extendingRecordsTheEventAndExtendsTheRegister() throws Exception {
        MemoryRegister register = new MemoryRegister();
        Path log = dir.resolve("run/attestation-agent/eventlog");
        RuntimeMeasurement measurement = RuntimeMeasurement.open(withRegister(register), true, 17, log);

        assertThat(measurement.extend("a", "b", "one", Optional.empty())).isEqualTo(RuntimeMeasurement.Result.OK);
        assertThat(measurement.extend("a", "b", "two", Optional.of(3))).isEqualTo(RuntimeMeasurement.Result.OK);

        byte[] first = new AaelEvent("a", "b", "one").logEntry(117, HashAlgorithm.SHA384);
        byte[] second = new AaelEvent("a", "b", "two").logEntry(103, HashAlgorithm.SHA384);
        byte[] expected = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, expected, first.length, second.length);
        assertThat(Files.readAllBytes(log)).isEqualTo(expected);
        assertThat(register.values).containsOnlyKeys(17, 3);
        assertThat(Files.exists(log.resolveSibling(".wal_event_entry"))).isFalse();
    }

    @Test
    void disabledIsNotEnabledAndNoRegisterIsNotSupported() throws Exception {
        assertThat(RuntimeMeasurement.open(withRegister(new MemoryRegister()), false, 17, dir.resolve("log"))
                .extend("a", "b", "c", Optional.empty())).isEqualTo(RuntimeMeasurement.Result.NOT_ENABLED);
        assertThat(RuntimeMeasurement.open(new SampleAttester(), true, 17, dir.resolve("log"))
                .extend("a", "b", "c", Optional.empty())).isEqualTo(RuntimeMeasurement.Result.NOT_SUPPORTED);
        assertThat(Files.exists(dir.resolve("log"))).isFalse();
    }

    @Test
    void badEventsAreTheCallersError() {
        RuntimeMeasurement measurement = RuntimeMeasurement.open(withRegister(new MemoryRegister()), true, 17,
                dir.resolve("log"));
        for (String[] bad : new String[][] {{"a", "b", "line\nbreak"}, {"has space", "b", "c"}, {"", "b", "c"}}) {
            assertThatThrownBy(() -> measurement.extend(bad[0], bad[1], bad[2], Optional.empty()))
                    .isInstanceOf(MeasurementException.class)
                    .satisfies(e -> assertThat(((MeasurementException) e).badRequest()).isTrue());
        }
        assertThatThrownBy(() -> measurement.extend("a", "b", "c", Optional.of(24)))
                .satisfies(e -> assertThat(((MeasurementException) e).badRequest()).isTrue());
    }

    @Test
    void aCrashBeforeTheRegisterWasExtendedIsCompletedAtStart() throws Exception {
        MemoryRegister register = new MemoryRegister();
        Path log = dir.resolve("eventlog");
        RuntimeMeasurement.open(withRegister(register), true, 17, log).extend("a", "b", "one", Optional.empty());
        register.failExtend = true;
        RuntimeMeasurement failing = RuntimeMeasurement.open(withRegister(register), true, 17, log);
        assertThatThrownBy(() -> failing.extend("a", "b", "two", Optional.empty()))
                .hasMessageContaining("register unavailable");
        assertThat(Files.exists(log.resolveSibling(".wal_event_entry"))).isTrue();
        byte[] registerBefore = register.read(17);

        register.failExtend = false;
        RuntimeMeasurement.open(withRegister(register), true, 17, log);

        assertThat(Files.exists(log.resolveSibling(".wal_event_entry"))).isFalse();
        assertThat(register.read(17)).isNotEqualTo(registerBefore);
        assertThat(Files.size(log)).isEqualTo(2L * new AaelEvent("a", "b", "one").logEntry(117,
                HashAlgorithm.SHA384).length);
    }

    @Test
    void aCrashAfterTheRegisterWasExtendedOnlyWritesTheEntry() throws Exception {
        MemoryRegister register = new MemoryRegister();
        Path log = dir.resolve("eventlog");
        RuntimeMeasurement.open(withRegister(register), true, 17, log).extend("a", "b", "one", Optional.empty());
        byte[] oneEntry = Files.readAllBytes(log);
        // as if the process died after extending but before writing: register extended, WAL present, no entry
        RuntimeMeasurement.open(withRegister(register), true, 17, log).extend("a", "b", "two", Optional.empty());
        byte[] registerAfter = register.read(17);
        Files.write(log, oneEntry);
        byte[] twoEntry = new AaelEvent("a", "b", "two").logEntry(117, HashAlgorithm.SHA384);
        byte[] expectedAfter = register.read(17);
        ByteBuffer wal = ByteBuffer.allocate(8 + 4 + 48 + "a b two".length()).putLong(oneEntry.length).putInt(17)
                .put(expectedAfter).put("a b two".getBytes(StandardCharsets.UTF_8));
        Files.write(log.resolveSibling(".wal_event_entry"), wal.array());

        RuntimeMeasurement.open(withRegister(register), true, 17, log);

        assertThat(register.read(17)).isEqualTo(registerAfter); // not extended twice
        byte[] logBytes = Files.readAllBytes(log);
        assertThat(Arrays.copyOfRange(logBytes, oneEntry.length, logBytes.length)).isEqualTo(twoEntry);
    }

    @Test
    void anInconsistentWalStopsMeasurementInsteadOfCorruptingTheLog() throws Exception {
        MemoryRegister register = new MemoryRegister();
        Path log = dir.resolve("eventlog");
        Files.write(log, new byte[0]);
        ByteBuffer wal = ByteBuffer.allocate(8 + 4 + 48 + 5).putLong(0).putInt(17).put(new byte[48])
                .put("a b c".getBytes(StandardCharsets.UTF_8));
        wal.array()[20] = 1; // an expected value neither before nor after
        Files.write(log.resolveSibling(".wal_event_entry"), wal.array());

        RuntimeMeasurement measurement = RuntimeMeasurement.open(withRegister(register), true, 17, log);

        assertThatThrownBy(() -> measurement.extend("a", "b", "c", Optional.empty()))
                .hasMessageContaining("probably corrupted");
        assertThat(register.values).isEmpty();
    }

    @Test
    void concurrentExtensionsAreSerialisedAndTheLogReplaysToTheRegister() throws Exception {
        MemoryRegister register = new MemoryRegister();
        Path log = dir.resolve("eventlog");
        RuntimeMeasurement measurement = RuntimeMeasurement.open(withRegister(register), true, 17, log);
        java.util.List<Thread> threads = new java.util.ArrayList<>();
        java.util.Set<RuntimeMeasurement.Result> results = java.util.concurrent.ConcurrentHashMap.newKeySet();
        for (int i = 0; i < 8; i++) {
            String content = "event-" + i;
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    results.add(measurement.extend("d", "o", content, Optional.empty()));
                } catch (MeasurementException e) {
                    results.add(null);
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(results).containsExactly(RuntimeMeasurement.Result.OK);
        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(log)).order(ByteOrder.LITTLE_ENDIAN);
        byte[] replayed = new byte[48];
        int entries = 0;
        while (in.hasRemaining()) {
            in.position(in.position() + 14);
            byte[] digest = new byte[48];
            in.get(digest);
            int eventSize = in.getInt();
            in.position(in.position() + eventSize);
            byte[] joined = Arrays.copyOf(replayed, 96);
            System.arraycopy(digest, 0, joined, 48, 48);
            replayed = HashAlgorithm.SHA384.digest(joined);
            entries++;
        }
        assertThat(entries).isEqualTo(8);
        assertThat(register.read(17)).isEqualTo(replayed);
    }
}
