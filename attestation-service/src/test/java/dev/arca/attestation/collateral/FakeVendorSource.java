package dev.arca.attestation.collateral;

import dev.arca.attestation.collateral.CollateralException.Reason;
import dev.arca.attestation.collateral.CollateralProviderTest.Document;
import dev.arca.attestation.collateral.CollateralProviderTest.DocumentCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fake of a vendor module's source (an Intel PCS or AMD KDS client: the internet, which tests cannot reach): answers
 * the document registered for a key, parsed as a vendor client parses its answers (garbage is
 * {@link Reason#INVALID}), {@link Reason#NOT_AVAILABLE} when there is none, {@link Reason#UNAVAILABLE} while "down",
 * after an optional delay. It counts requests per key, so tests see how often the provider really fetched.
 */
final class FakeVendorSource implements VendorSource<String, Document> {

    private final DocumentCodec parser = new DocumentCodec();
    private final Map<String, String> documents = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private volatile boolean down;
    private volatile long delayMillis;
    private volatile RuntimeException bug;

    void put(String key, String document) {
        documents.put(key, document);
    }

    void setDown(boolean down) {
        this.down = down;
    }

    void setDelayMillis(long delayMillis) {
        this.delayMillis = delayMillis;
    }

    /** Makes every fetch fail with this unexpected exception (a bug in a vendor client). */
    void setBug(RuntimeException bug) {
        this.bug = bug;
    }

    int requests(String key) {
        AtomicInteger count = requests.get(key);
        return count == null ? 0 : count.get();
    }

    @Override
    public Document fetch(String key, Duration timeout) throws CollateralException {
        requests.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        if (delayMillis > 0) {
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CollateralException(Reason.UNAVAILABLE, "interrupted");
            }
        }
        if (bug != null) {
            throw bug;
        }
        if (down) {
            throw new CollateralException(Reason.UNAVAILABLE, "vendor answered 503");
        }
        String document = documents.get(key);
        if (document == null) {
            throw new CollateralException(Reason.NOT_AVAILABLE, "vendor has no " + key);
        }
        return parser.decode(document.getBytes(StandardCharsets.UTF_8));
    }
}
