package fr.numi.intake.request.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MaskingTest {

    @Test
    void shouldKeepOnlyTheShapeOfAPhoneNumber() {
        assertThat(Masking.contact("+33612345678")).isEqualTo("+336******78");
    }

    @Test
    void shouldKeepOnlyTheFirstLetterAndDomainOfAnEmail() {
        assertThat(Masking.contact("jeanne@example.org")).isEqualTo("j*****@example.org");
    }

    @Test
    void shouldLogTheLengthOfFreeTextNotTheText() {
        assertThat(Masking.text("mon code est 1234")).isEqualTo("<17 chars>");
    }
}
