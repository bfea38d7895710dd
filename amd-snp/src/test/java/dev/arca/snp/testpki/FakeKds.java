package dev.arca.snp.testpki;

import dev.arca.snp.SnpVerificationException;
import dev.arca.snp.SnpVerificationException.Reason;
import dev.arca.snp.kds.CertificateSource;
import dev.arca.snp.kds.KdsRequest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A FAKE of AMD's KDS in memory (AMD's service is on the internet, unreachable from tests): documents by KDS path,
 * counting every fetch so tests can prove the cache asks once.
 */
public final class FakeKds implements CertificateSource {

    private final Map<String, byte[]> documents = new ConcurrentHashMap<>();
    private final AtomicInteger fetches = new AtomicInteger();

    public FakeKds put(KdsRequest request, byte[] document) {
        documents.put(request.path(), document.clone());
        return this;
    }

    public FakeKds remove(KdsRequest request) {
        documents.remove(request.path());
        return this;
    }

    public int fetches() {
        return fetches.get();
    }

    @Override
    public byte[] fetch(KdsRequest request) throws SnpVerificationException {
        fetches.incrementAndGet();
        byte[] document = documents.get(request.path());
        if (document == null) {
            throw new SnpVerificationException(Reason.CERTIFICATES_UNAVAILABLE, "fake KDS: 404 for "
                    + request.path());
        }
        return document.clone();
    }
}
