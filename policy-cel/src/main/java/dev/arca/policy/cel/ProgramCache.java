package dev.arca.policy.cel;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Compiled policies by their text, least recently used dropped beyond a bound: compiling costs milliseconds,
 * evaluating microseconds, and keying by the text means a policy changed elsewhere (another
 * replica, the database) is never served from a stale program.
 */
final class ProgramCache {

    private final Map<String, CompiledPolicy> programs;

    ProgramCache(int capacity) {
        this.programs = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, CompiledPolicy> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized CompiledPolicy get(String text) {
        return programs.get(text);
    }

    synchronized void put(String text, CompiledPolicy policy) {
        programs.put(text, policy);
    }

    synchronized int size() {
        return programs.size();
    }
}
