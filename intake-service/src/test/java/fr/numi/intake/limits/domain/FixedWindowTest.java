package fr.numi.intake.limits.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FixedWindowTest {

    @Test
    void shouldAlignWindowsOnTheEpochSoEveryInstanceCountsInTheSameOne() {
        // when
        FixedWindow window = FixedWindow.containing(Instant.parse("2026-11-26T10:00:42.500Z"), Duration.ofMinutes(1));

        // then
        assertThat(window.start()).isEqualTo(Instant.parse("2026-11-26T10:00:00Z"));
        assertThat(window.end()).isEqualTo(Instant.parse("2026-11-26T10:01:00Z"));
    }

    @Test
    void shouldSayHowManyWholeSecondsAreLeftAndNeverZero() {
        FixedWindow window = FixedWindow.containing(Instant.parse("2026-11-26T10:00:00Z"), Duration.ofMinutes(1));
        assertThat(window.secondsLeft(Instant.parse("2026-11-26T10:00:42.500Z"))).isEqualTo(18);
        assertThat(window.secondsLeft(Instant.parse("2026-11-26T10:00:59.999Z"))).isEqualTo(1);
        assertThat(window.secondsLeft(Instant.parse("2026-11-26T10:01:00Z"))).isEqualTo(1);
    }
}
