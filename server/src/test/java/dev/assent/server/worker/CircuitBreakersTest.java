package dev.assent.server.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assent.server.it.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CircuitBreakersTest {

    static final Duration COOL_DOWN = Duration.ofSeconds(30);

    final MutableClock clock = new MutableClock(Instant.parse("2026-01-15T10:00:00Z"));
    final CircuitBreakers breakers = new CircuitBreakers(3, COOL_DOWN, clock);

    void fail(String key, int times) {
        for (int i = 0; i < times; i++) {
            assertThat(breakers.tryAcquire(key)).isTrue();
            breakers.failed(key);
        }
    }

    @Test
    void opensAfterTheThresholdOfConsecutiveFailuresAndOnlyForThatKey() {
        fail("a", 2);
        assertThat(breakers.isOpen("a")).isFalse();
        fail("a", 1);
        assertThat(breakers.isOpen("a")).isTrue();
        assertThat(breakers.tryAcquire("a")).isFalse();
        assertThat(breakers.tryAcquire("b")).isTrue();
    }

    @Test
    void aSuccessResetsTheCount() {
        fail("a", 2);
        assertThat(breakers.tryAcquire("a")).isTrue();
        breakers.succeeded("a");
        fail("a", 2);
        assertThat(breakers.isOpen("a")).isFalse();
        assertThat(breakers.tryAcquire("a")).isTrue();
    }

    @Test
    void afterTheCoolDownOneTrialIsLetThroughAndItsOutcomeDecides() {
        fail("a", 3);
        clock.advance(COOL_DOWN.minusMillis(1));
        assertThat(breakers.tryAcquire("a")).isFalse();
        clock.advance(Duration.ofMillis(2)); // a millisecond past the cool-down
        assertThat(breakers.tryAcquire("a")).as("the half-open trial").isTrue();
        assertThat(breakers.tryAcquire("a")).as("only one trial at a time").isFalse();
        breakers.failed("a");
        assertThat(breakers.isOpen("a")).isTrue();

        clock.advance(COOL_DOWN.plusMillis(1));
        assertThat(breakers.tryAcquire("a")).isTrue();
        breakers.succeeded("a");
        assertThat(breakers.isOpen("a")).isFalse();
        assertThat(breakers.tryAcquire("a")).isTrue();
        assertThat(breakers.tryAcquire("a")).isTrue();
    }

    @Test
    void anUnusedTrialIsGivenBack() {
        fail("a", 3);
        clock.advance(COOL_DOWN.plusMillis(1));
        assertThat(breakers.tryAcquire("a")).isTrue();
        breakers.released("a");
        assertThat(breakers.tryAcquire("a")).isTrue();
    }
}
