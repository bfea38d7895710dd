package dev.arca.dcap.collateral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arca.dcap.CollateralExpiredException;
import dev.arca.dcap.CrlPolicy;
import dev.arca.dcap.DcapVerificationException;
import dev.arca.dcap.DcapVerificationException.Reason;
import dev.arca.dcap.DcapVerifier;
import dev.arca.dcap.Vectors;
import dev.arca.dcap.pck.PckCaType;
import dev.arca.dcap.quote.TeeType;
import dev.arca.dcap.trust.IntelRootCa;
import dev.arca.model.testing.RealEvidence;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Verify once, reuse until nextUpdate, coalesce concurrent misses, never cache failures. */
@RealEvidence
class VerifiedCollateralCacheTest {

    private static final CollateralRequest I2 = new CollateralRequest(TeeType.TDX, "B0C06F000000",
            PckCaType.PLATFORM);

    private static final class CountingSource implements CollateralSource {
        final AtomicInteger fetches = new AtomicInteger();
        final RawCollateral collateral;
        volatile CountDownLatch gate = new CountDownLatch(0);
        volatile int failuresLeft;

        CountingSource(RawCollateral collateral) {
            this.collateral = collateral;
        }

        @Override
        public RawCollateral fetch(CollateralRequest request) throws DcapVerificationException {
            fetches.incrementAndGet();
            try {
                gate.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (failuresLeft > 0) {
                failuresLeft--;
                throw new DcapVerificationException(Reason.COLLATERAL_UNAVAILABLE, "PCS down");
            }
            return collateral;
        }
    }

    private static CountingSource source() throws DcapVerificationException {
        return new CountingSource(Vectors.bundle("phala_tdx_quote_collateral.json"));
    }

    private static VerifiedCollateralCache cache(CollateralSource source) {
        return new VerifiedCollateralCache(source, new CollateralVerifier(IntelRootCa.pinned()));
    }

    @Test
    void reusesVerifiedCollateralUntilItsEarliestNextUpdate() throws Exception {
        CountingSource source = source();
        VerifiedCollateralCache cache = cache(source);

        VerifiedCollateral first = cache.get(I2, Vectors.I2_AT);
        VerifiedCollateral second = cache.get(I2, Instant.parse("2025-07-19T10:00:34Z"));
        assertThat(second).isSameAs(first);
        assertThat(source.fetches).hasValue(1);

        // past the PCK CRL's nextUpdate the cache fetches again; the source still has only expired collateral
        VerifiedCollateral refetched = cache.get(I2, Vectors.NOW);
        assertThat(refetched).isNotSameAs(first);
        assertThat(source.fetches).hasValue(2);
        assertThatThrownBy(() -> refetched.requireValidAt(Vectors.NOW)).isInstanceOf(CollateralExpiredException.class);
    }

    @Test
    void concurrentMissesShareOneFetch() throws Exception {
        CountingSource source = source();
        source.gate = new CountDownLatch(1);
        VerifiedCollateralCache cache = cache(source);
        List<Future<VerifiedCollateral>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> cache.get(I2, Vectors.I2_AT)));
            }
            Thread.sleep(200);
            source.gate.countDown();
            VerifiedCollateral shared = results.getFirst().get(10, TimeUnit.SECONDS);
            for (Future<VerifiedCollateral> result : results) {
                assertThat(result.get(10, TimeUnit.SECONDS)).isSameAs(shared);
            }
        }
        assertThat(source.fetches).hasValue(1);
    }

    @Test
    void failuresAreNotCached() throws Exception {
        CountingSource source = source();
        source.failuresLeft = 1;
        VerifiedCollateralCache cache = cache(source);

        assertThatThrownBy(() -> cache.get(I2, Vectors.I2_AT))
                .extracting(e -> ((DcapVerificationException) e).reason())
                .isEqualTo(Reason.COLLATERAL_UNAVAILABLE);
        assertThat(cache.get(I2, Vectors.I2_AT)).isNotNull();
        assertThat(source.fetches).hasValue(2);
    }

    /** Once the platform is known, a quote costs no collateral work and no chain work: the per-quote path. */
    @Test
    void repeatedQuotesFromOnePlatformUseTheCache() throws Exception {
        CountingSource source = source();
        DcapVerifier verifier = new DcapVerifier(cache(source), CrlPolicy.REQUIRE);
        byte[] quote = Vectors.bytes("tdx/phala_tdx_quote");
        for (int i = 0; i < 5; i++) {
            verifier.verifyTdx(quote, Optional.empty(), Optional.empty(), Optional.empty(),
                    Vectors.I2_AT.plus(Duration.ofHours(i)));
        }
        assertThat(source.fetches).hasValue(1);
    }

    /** The same through HTTP: one set of PCS requests for many quotes and concurrent callers. */
    @Test
    void concurrentVerificationsMakeOneSetOfPcsRequests() throws Exception {
        try (FakePcsServer pcs = new FakePcsServer()
                .serve(Vectors.path("intel-collateral/phala_tdx_quote_collateral.json"))) {
            pcs.delay(Duration.ofMillis(150));
            DcapVerifier verifier = DcapVerifier.forSource(new PcsCollateralSource(PcsSettings.defaults(pcs.baseUrl())));
            byte[] quote = Vectors.bytes("tdx/phala_tdx_quote");
            try (ExecutorService pool = Executors.newFixedThreadPool(6)) {
                List<Future<?>> runs = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    runs.add(pool.submit(() -> verifier.verifyTdx(quote, Optional.empty(), Optional.empty(),
                            Optional.empty(), Vectors.I2_AT)));
                }
                for (Future<?> run : runs) {
                    run.get(20, TimeUnit.SECONDS);
                }
            }
            assertThat(pcs.requestsTo("/tdx/certification/v4/tcb")).isEqualTo(1);
            assertThat(pcs.requests()).hasSize(4);
        }
    }
}
