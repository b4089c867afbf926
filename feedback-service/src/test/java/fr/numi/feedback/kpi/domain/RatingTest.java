package fr.numi.feedback.kpi.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RatingTest {

    @Test
    void shouldAcceptOneToFiveStars() {
        assertThat(new Rating(1).stars()).isEqualTo(1);
        assertThat(new Rating(5).stars()).isEqualTo(5);
    }

    @Test
    void shouldRefuseARatingOutsideOneToFive() {
        assertThatThrownBy(() -> new Rating(0)).hasMessage("a rating is 1 to 5, was 0");
        assertThatThrownBy(() -> new Rating(6)).isInstanceOf(IllegalArgumentException.class);
    }
}
