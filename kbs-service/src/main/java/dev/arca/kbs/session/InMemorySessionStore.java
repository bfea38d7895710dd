package dev.arca.kbs.session;

import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Sessions of this replica, bounded: /auth is unauthenticated and creates a session per call,
 * so beyond the capacity the oldest session is evicted rather than memory growing without limit. Sessions are kept
 * in creation order, which is also expiry order because every session gets the same lifetime.
 */
public class InMemorySessionStore implements SessionStore {

    private final int capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final LinkedHashMap<String, Session> sessions = new LinkedHashMap<>();

    public InMemorySessionStore(int capacity) {
        this.capacity = capacity;
    }

    @Override
    public void put(Session session) {
        lock.lock();
        try {
            sessions.put(session.id(), session);
            Iterator<Map.Entry<String, Session>> oldest = sessions.entrySet().iterator();
            while (sessions.size() > capacity && oldest.hasNext()) {
                oldest.next();
                oldest.remove();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<Session> find(String id, Instant now) {
        lock.lock();
        try {
            Session session = sessions.get(id);
            if (session != null && session.isExpired(now)) {
                sessions.remove(id);
                return Optional.empty();
            }
            return Optional.ofNullable(session);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean replace(Session expected, Session replacement) {
        lock.lock();
        try {
            Session current = sessions.get(expected.id());
            if (current == null || !current.equals(expected)) {
                return false;
            }
            // Map.replace keeps the entry's position, so eviction order stays creation order.
            sessions.replace(expected.id(), replacement);
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void remove(String id) {
        lock.lock();
        try {
            sessions.remove(id);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int removeExpired(Instant now) {
        lock.lock();
        try {
            int before = sessions.size();
            sessions.values().removeIf(s -> s.isExpired(now));
            return before - sessions.size();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int size() {
        lock.lock();
        try {
            return sessions.size();
        } finally {
            lock.unlock();
        }
    }
}
