package dev.arca.admin.image;

import dev.arca.model.resource.ResourcePath;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** FAKE KBS key registry for unit tests (the real KBS admin API is exercised by integration-tests ImageEncryptionIT). */
final class InMemoryKekRegistry implements KekRegistry {

    final Map<ResourcePath, byte[]> stored = new ConcurrentHashMap<>();
    final AtomicInteger stores = new AtomicInteger();

    @Override
    public boolean exists(ResourcePath path) {
        return stored.containsKey(path);
    }

    @Override
    public void store(ResourcePath path, byte[] kek) {
        stores.incrementAndGet();
        stored.put(path, kek.clone());
    }
}
