package fr.numi.feedback.kpi.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.numi.contracts.Contracts;
import fr.numi.feedback.kpi.application.CountKpiEvents;
import fr.numi.feedback.kpi.domain.SeenEvents;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Both consumer functions fed with the contracts' own examples. */
class KpiHandlersTest {

    final JsonMapper json = JsonMapper.builder().build();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final CountKpiEvents kpis = new CountKpiEvents(new SeenEvents(100), meters);

    Message<byte[]> message(ObjectNode body) {
        return MessageBuilder.withPayload(json.writeValueAsBytes(body)).build();
    }

    ObjectNode example(String topic) {
        return (ObjectNode) json.readTree(Contracts.example(topic));
    }

    @Nested
    class Lifecycle {

        static final String TOPIC = "ticket.lifecycle.v1";

        final TicketLifecycleHandler handler = new TicketLifecycleHandler(json, kpis);

        @Test
        void shouldCountTheStatusReachedWhenTheContractExampleArrives() {
            // when
            handler.accept(MessageBuilder.withPayload(Contracts.example(TOPIC)).build());

            // then
            assertThat(meters.get("numi.ticket.lifecycle.events").tag("status", "QUALIFIED").counter().count()).isEqualTo(1.0);
        }

        @Test
        void shouldCountOnceWhenTheSameEventIsRedelivered() {
            // given
            ObjectNode event = example(TOPIC);
            event.put("status", "RESOLVED");

            // when
            handler.accept(message(event));
            handler.accept(message(event));

            // then
            assertThat(meters.get("numi.ticket.lifecycle.events").tag("status", "RESOLVED").counter().count()).isEqualTo(1.0);
        }

        @Test
        void shouldThrowNamingTheFieldWhenTheStatusIsUnknown() {
            // given
            ObjectNode event = example(TOPIC);
            event.put("status", "LOST");

            // when / then
            assertThatThrownBy(() -> handler.accept(message(event)))
                    .isInstanceOf(UnreadableEventException.class)
                    .hasMessageContaining("unknown status 'LOST'");
        }

        @Test
        void shouldThrowSoTheBinderDeadLettersWhenTheRecordIsNotJson() {
            assertThatThrownBy(() -> handler.accept(MessageBuilder.withPayload("nope".getBytes(StandardCharsets.UTF_8)).build()))
                    .isInstanceOf(UnreadableEventException.class)
                    .hasMessageStartingWith("unreadable ticket.lifecycle.v1 record");
        }
    }

    @Nested
    class Ratings {

        static final String TOPIC = "intake.feedback-received.v1";

        final FeedbackReceivedHandler handler = new FeedbackReceivedHandler(json, kpis);

        @Test
        void shouldCountTheRatingWhenTheContractExampleArrives() {
            // when
            handler.accept(MessageBuilder.withPayload(Contracts.example(TOPIC)).build());

            // then
            assertThat(meters.get("numi.feedback.ratings").tag("rating", "5").counter().count()).isEqualTo(1.0);
        }

        @Test
        void shouldThrowWhenTheRatingIsOutOfRange() {
            // given
            ObjectNode event = example(TOPIC);
            event.put("rating", 9);

            // when / then
            assertThatThrownBy(() -> handler.accept(message(event)))
                    .isInstanceOf(UnreadableEventException.class)
                    .hasMessageContaining("a rating is 1 to 5, was 9");
            assertThat(meters.find("numi.feedback.ratings").counter()).isNull();
        }

        @Test
        void shouldThrowNamingTheMissingFieldsWhenTheRecordIsNotAFeedback() {
            assertThatThrownBy(() -> handler.accept(MessageBuilder.withPayload("{}".getBytes(StandardCharsets.UTF_8)).build()))
                    .hasMessageContaining("feedbackId, ticketId, rating");
        }
    }
}
