package fr.numi.intake.limits.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TokenBucketsTest {

    static final Duration MINUTE = Duration.ofMinutes(1);

    @Test
    void shouldRefuseTheCallOverCapacityAndSayWhenATokenIsBack() {
        // given
        TokenBuckets buckets = new TokenBuckets();
        for (int i = 0; i < 3; i++) {
            assertThat(buckets.take("a", 3, MINUTE, 0)).isZero();
        }

        // when
        Duration wait = buckets.take("a", 3, MINUTE, 0);

        // then: 3 per minute, one token every 20 s
        assertThat(wait).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void shouldRefillEvenlyOverThePeriod() {
        // given
        TokenBuckets buckets = new TokenBuckets();
        for (int i = 0; i < 3; i++) {
            buckets.take("a", 3, MINUTE, 0);
        }

        // when / then
        assertThat(buckets.take("a", 3, MINUTE, Duration.ofSeconds(20).toNanos())).isZero();
        assertThat(buckets.take("a", 3, MINUTE, Duration.ofSeconds(21).toNanos())).isPositive();
    }

    @Test
    void shouldKeepEachKeysBucketApart() {
        // given
        TokenBuckets buckets = new TokenBuckets();
        buckets.take("a", 1, MINUTE, 0);

        // when / then
        assertThat(buckets.take("a", 1, MINUTE, 0)).isPositive();
        assertThat(buckets.take("b", 1, MINUTE, 0)).isZero();
    }

    @Test
    void shouldForgetIdleBuckets() {
        // given
        TokenBuckets buckets = new TokenBuckets();
        buckets.take("a", 1, MINUTE, 0);

        // when
        buckets.forgetIdle(MINUTE, Duration.ofMinutes(2).toNanos());

        // then
        assertThat(buckets.size()).isZero();
    }
}
