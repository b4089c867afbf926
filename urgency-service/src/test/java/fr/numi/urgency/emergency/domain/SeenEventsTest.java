package fr.numi.urgency.emergency.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeenEventsTest {

    @Test
    void shouldSayFirstTimeOnlyOnceWhenTheSameIdComesBack() {
        SeenEvents seen = new SeenEvents(10);

        assertThat(seen.firstTime("a")).isTrue();
        assertThat(seen.firstTime("a")).isFalse();
        assertThat(seen.firstTime("b")).isTrue();
    }

    @Test
    void shouldForgetTheOldestIdWhenFull() {
        SeenEvents seen = new SeenEvents(2);
        seen.firstTime("a");
        seen.firstTime("b");

        seen.firstTime("c");

        assertThat(seen.firstTime("a")).isTrue();
        assertThat(seen.firstTime("c")).isFalse();
    }
}
