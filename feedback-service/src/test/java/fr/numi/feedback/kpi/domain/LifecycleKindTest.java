package fr.numi.feedback.kpi.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.numi.contracts.Contracts;
import org.junit.jupiter.api.Test;

class LifecycleKindTest {

    @Test
    void shouldKnowEveryTypeTheCatalogueListsForTheLifecycleTopic() {
        assertThat(Contracts.topic("ticket.lifecycle.v1").types())
                .allSatisfy(type -> assertThat(LifecycleKind.fromType(type)).as(type).isNotEqualTo(LifecycleKind.OTHER));
    }

    @Test
    void shouldNameAWaitForThePersonFromItsHyphenatedType() {
        assertThat(LifecycleKind.fromType("fr.numi.ticket.ticket-waiting-for-person.v1")).isEqualTo(LifecycleKind.WAITING_FOR_PERSON);
    }

    @Test
    void shouldRefuseATypeOfAnotherTopic() {
        assertThatThrownBy(() -> LifecycleKind.fromType("fr.numi.intake.feedback-received.v1"))
                .hasMessage("not a ticket lifecycle type 'fr.numi.intake.feedback-received.v1'");
        assertThatThrownBy(() -> LifecycleKind.fromType(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
