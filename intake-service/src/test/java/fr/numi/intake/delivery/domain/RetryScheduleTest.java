package fr.numi.intake.delivery.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    final RetrySchedule schedule = new RetrySchedule(Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofMinutes(30));

    @Test
    void shouldDoubleTheWaitUpToTheLongestOne() {
        // given
        Instant deadline = schedule.deadline(T0);

        // when / then
        assertThat(schedule.next(1, deadline, T0)).isEqualTo(T0.plusSeconds(30));
        assertThat(schedule.next(2, deadline, T0)).isEqualTo(T0.plusSeconds(60));
        assertThat(schedule.next(4, deadline, T0)).isEqualTo(T0.plusSeconds(240));
        assertThat(schedule.next(5, deadline, T0)).isEqualTo(T0.plusSeconds(300));
        assertThat(schedule.next(40, deadline, T0)).isEqualTo(T0.plusSeconds(300));
    }

    @Test
    void shouldMakeTheLastAttemptAtTheDeadlineThenGiveUp() {
        // given
        Instant deadline = schedule.deadline(T0);

        // when / then
        assertThat(schedule.next(9, deadline, deadline.minusSeconds(10))).isEqualTo(deadline);
        assertThat(schedule.next(10, deadline, deadline)).isNull();
        assertThat(schedule.next(10, deadline, deadline.plusSeconds(1))).isNull();
    }
}
