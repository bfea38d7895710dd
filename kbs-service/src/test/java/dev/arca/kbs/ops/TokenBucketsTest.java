package dev.arca.kbs.ops;

import dev.arca.kbs.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TokenBucketsTest {

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T12:00:00Z"));

    @Test
    void aBurstThenTheSustainedRatePerClient() {
        TokenBuckets buckets = new TokenBuckets(3, 60, 100, clock);
        for (int i = 0; i < 3; i++) {
            assertThat(buckets.take("10.0.0.1").allowed()).isTrue();
        }
        TokenBuckets.Attempt refused = buckets.take("10.0.0.1");
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(1));
        // another client has its own bucket
        assertThat(buckets.take("10.0.0.2").allowed()).isTrue();
        clock.advance(Duration.ofMillis(999));
        assertThat(buckets.take("10.0.0.1").allowed()).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(buckets.take("10.0.0.1").allowed()).isTrue();
        // refill never exceeds the burst
        clock.advance(Duration.ofHours(1));
        for (int i = 0; i < 3; i++) {
            assertThat(buckets.take("10.0.0.1").allowed()).isTrue();
        }
        assertThat(buckets.take("10.0.0.1").allowed()).isFalse();
    }

    @Test
    void theNumberOfTrackedClientsIsBounded() {
        TokenBuckets buckets = new TokenBuckets(1, 1, 2, clock);
        assertThat(buckets.take("a").allowed()).isTrue();
        assertThat(buckets.take("a").allowed()).isFalse();
        buckets.take("b");
        buckets.take("c");
        // "a" was forgotten when "c" arrived: it starts again with a full bucket
        assertThat(buckets.take("a").allowed()).isTrue();
    }
}
