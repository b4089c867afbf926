package fr.numi.urgency.emergency.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.numi.contracts.Contracts;
import fr.numi.urgency.emergency.application.WatchEmergencies;
import fr.numi.urgency.emergency.domain.SeenEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Both consumer functions fed with the contracts' own examples. */
class EmergencyHandlersTest {

    final JsonMapper json = JsonMapper.builder().build();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final WatchEmergencies watch = new WatchEmergencies(new SeenEvents(100), meters);

    Message<byte[]> message(ObjectNode body) {
        return MessageBuilder.withPayload(json.writeValueAsBytes(body)).build();
    }

    ObjectNode example(String topic) {
        return (ObjectNode) json.readTree(Contracts.example(topic));
    }

    @Nested
    class RedButton {

        static final String TOPIC = "intake.request-received.v1";

        final RequestReceivedHandler handler = new RequestReceivedHandler(json, watch);

        @Test
        void shouldCountNothingWhenTheContractExampleHasNoRedButton() {
            // when
            handler.accept(MessageBuilder.withPayload(Contracts.example(TOPIC)).build());

            // then
            assertThat(meters.find("numi.red_button.requests").counter()).isNull();
        }

        @Test
        void shouldCountTheRedButtonByChannelWhenThePersonPressedIt() {
            // given
            ObjectNode event = example(TOPIC);
            event.put("redButton", true);
            event.put("channel", "WHATSAPP");

            // when
            handler.accept(message(event));

            // then
            Counter counter = meters.get("numi.red_button.requests").tag("channel", "WHATSAPP").counter();
            assertThat(counter.count()).isEqualTo(1.0);
        }

        @Test
        void shouldCountOnceWhenTheSameRequestIsRedelivered() {
            // given
            ObjectNode event = example(TOPIC);
            event.put("redButton", true);

            // when
            handler.accept(message(event));
            handler.accept(message(event));

            // then
            assertThat(meters.get("numi.red_button.requests").tag("channel", "WEB").counter().count()).isEqualTo(1.0);
        }

        @Test
        void shouldThrowSoTheBinderDeadLettersWhenTheRecordIsNotJson() {
            // given
            Message<byte[]> message = MessageBuilder.withPayload("not json".getBytes(StandardCharsets.UTF_8)).build();

            // when / then
            assertThatThrownBy(() -> handler.accept(message))
                    .isInstanceOf(UnreadableEventException.class)
                    .hasMessageStartingWith("unreadable intake.request-received.v1 record");
        }

        @Test
        void shouldThrowNamingTheFieldWhenTheChannelIsUnknown() {
            // given
            ObjectNode event = example(TOPIC);
            event.put("redButton", true);
            event.put("channel", "PIGEON");

            // when / then
            assertThatThrownBy(() -> handler.accept(message(event)))
                    .isInstanceOf(UnreadableEventException.class)
                    .hasMessageContaining("unknown channel 'PIGEON'");
        }

        @Test
        void shouldThrowNamingTheMissingFieldsWhenTheRecordIsNotARequest() {
            assertThatThrownBy(() -> handler.accept(MessageBuilder.withPayload("{}".getBytes(StandardCharsets.UTF_8)).build()))
                    .hasMessageContaining("requestId, ticketId, channel, redButton");
        }
    }

    @Nested
    class CyberDecisions {

        static final String TOPIC = "triage.request-triaged.v1";

        final RequestTriagedHandler handler = new RequestTriagedHandler(json, watch);

        @Test
        void shouldCountNothingWhenTheContractExampleIsNotCyber() {
            // when
            handler.accept(MessageBuilder.withPayload(Contracts.example(TOPIC)).build());

            // then
            assertThat(meters.find("numi.cyber.decisions").counter()).isNull();
        }

        @Test
        void shouldCountTheDecisionByCategoryWhenTriageFlaggedACyberEmergency() {
            // given
            ObjectNode event = example(TOPIC);
            event.put("cyber", true);
            event.put("level", 3);
            event.put("category", "ransomware");
            event.put("urgency", "CRITICAL");

            // when
            handler.accept(message(event));
            handler.accept(message(event));

            // then
            assertThat(meters.get("numi.cyber.decisions").tags("category", "ransomware", "urgency", "CRITICAL").counter().count())
                    .isEqualTo(1.0);
        }

        @Test
        void shouldThrowSoTheBinderDeadLettersWhenTheRecordIsNotJson() {
            assertThatThrownBy(() -> handler.accept(MessageBuilder.withPayload("[1,".getBytes(StandardCharsets.UTF_8)).build()))
                    .isInstanceOf(UnreadableEventException.class)
                    .hasMessageStartingWith("unreadable triage.request-triaged.v1 record");
        }
    }
}
