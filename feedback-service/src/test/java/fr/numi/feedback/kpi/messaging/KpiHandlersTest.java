package fr.numi.feedback.kpi.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.numi.contracts.Contracts;
import fr.numi.contracts.cloudevents.EventReader;
import fr.numi.contracts.cloudevents.RejectedEventException;
import fr.numi.contracts.testing.Records;
import fr.numi.feedback.kpi.application.KpiMetrics;
import fr.numi.feedback.kpi.application.RecordKpiEvents;
import fr.numi.feedback.kpi.domain.KpiRules;
import fr.numi.feedback.support.InMemoryStores;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.validation.Validation;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.messaging.Message;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The consumer functions fed with the contracts' own examples, over in-memory stores. */
class KpiHandlersTest {

    static final String LIFECYCLE = "ticket.lifecycle.v1";
    static final String FEEDBACK = "intake.feedback-received.v1";
    static final String URGENCY = "urgency.cyber-urgency-declared.v1";

    final JsonMapper json = JsonMapper.builder().build();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final InMemoryStores.Tickets tickets = new InMemoryStores.Tickets();
    final InMemoryStores.Surveys surveys = new InMemoryStores.Surveys();
    final RecordKpiEvents kpis = new RecordKpiEvents(tickets, new InMemoryStores.Presence(), surveys, new KpiMetrics(meters),
            KpiRules.standard(), Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC));
    final EventReader events = new EventReader(json, Validation.buildDefaultValidatorFactory().getValidator());
    final TicketLifecycleHandler lifecycle = new TicketLifecycleHandler(events, kpis);
    final FeedbackReceivedHandler feedback = new FeedbackReceivedHandler(events, kpis);
    final CyberUrgencyDeclaredHandler urgency = new CyberUrgencyDeclaredHandler(events, kpis);

    /** The ce_type each topic's writer puts on its records. */
    static final Map<String, String> TYPES = Map.of(
            LIFECYCLE, "fr.numi.ticket.ticket-qualified.v1",
            FEEDBACK, "fr.numi.intake.feedback-received.v1",
            URGENCY, "fr.numi.urgency.cyber-urgency-declared.v1");

    /** A record as the topic's writer puts it (the topic given by the type's family), as the binder hands it over. */
    Message<byte[]> message(ObjectNode body, String ceId, String ceType) {
        return message(json.writeValueAsBytes(body), ceId, ceType);
    }

    static Message<byte[]> message(byte[] body, String ceId, String ceType) {
        String topic = ceType.startsWith("fr.numi.ticket.") ? LIFECYCLE : ceType.startsWith("fr.numi.intake.") ? FEEDBACK : URGENCY;
        Map<String, String> headers = Records.cloudEvent(ceId, fr.numi.feedback.support.Lifecycle.source(topic), ceType, "NUMI-7K3Q-9XMD");
        return Records.message(body, headers);
    }

    ObjectNode example(String topic) {
        return (ObjectNode) json.readTree(Contracts.example(topic));
    }

    ObjectNode lifecycleEvent(String type, String status) {
        ObjectNode event = example(LIFECYCLE);
        event.put("eventId", "NUMI-7K3Q-9XMD:" + type + ":1");
        event.put("status", status);
        return event;
    }

    double ratingsCounted() {
        return meters.find("numi.feedback.ratings").counters().stream().mapToDouble(c -> c.count()).sum();
    }

    void resolveTheExampleTicket() {
        lifecycle.accept(message(lifecycleEvent("ticket-received", "RECEIVED"), "e1", "fr.numi.ticket.ticket-received.v1"));
        ObjectNode resolved = lifecycleEvent("ticket-resolved", "RESOLVED");
        resolved.put("occurredAt", "2026-11-26T09:45:00Z");
        resolved.put("agentId", "agent-7");
        lifecycle.accept(message(resolved, "e2", "fr.numi.ticket.ticket-resolved.v1"));
    }

    void closeTheExampleTicket() {
        ObjectNode closed = lifecycleEvent("ticket-closed", "CLOSED");
        closed.put("occurredAt", "2026-11-26T10:00:00Z");
        closed.put("reason", "PERSON_CONFIRMED");
        lifecycle.accept(message(closed, "e3", "fr.numi.ticket.ticket-closed.v1"));
    }

    @Nested
    class Lifecycle {

        @Test
        void shouldCountTheStatusReachedWhenTheContractExampleArrives() {
            // when
            lifecycle.accept(message(example(LIFECYCLE), "e1", "fr.numi.ticket.ticket-qualified.v1"));

            // then
            assertThat(meters.get("numi.ticket.lifecycle.events").tag("status", "QUALIFIED").counter().count()).isEqualTo(1.0);
            assertThat(meters.get("numi.tickets.qualified").tags("level", "2", "channel", "WEB", "category", "printing").counter().count())
                    .isEqualTo(1.0);
        }

        @Test
        void shouldCountOnceWhenTheSameEventIsRedelivered() {
            // given
            ObjectNode event = lifecycleEvent("ticket-resolved", "RESOLVED");

            // when
            lifecycle.accept(message(event, "e1", "fr.numi.ticket.ticket-resolved.v1"));
            lifecycle.accept(message(event, "e1", "fr.numi.ticket.ticket-resolved.v1"));
            closeTheExampleTicket();
            closeTheExampleTicket();

            // then
            assertThat(meters.get("numi.ticket.lifecycle.events").tag("status", "RESOLVED").counter().count()).isEqualTo(1.0);
            assertThat(meters.get("numi.tickets.resolved").tags("level", "2", "channel", "WEB").counter().count()).isEqualTo(1.0);
            assertThat(surveys.published).hasSize(1);
        }

        @Test
        void shouldRequestTheSurveyOnTheTicketsChannelWhenItCloses() {
            // when
            resolveTheExampleTicket();
            assertThat(surveys.published).isEmpty();
            closeTheExampleTicket();

            // then
            assertThat(surveys.published).singleElement().satisfies(s -> {
                assertThat(s.surveyId()).isEqualTo("NUMI-7K3Q-9XMD:survey-requested");
                assertThat(s.channel()).isEqualTo("WEB");
                assertThat(s.level()).isEqualTo(2);
            });
            assertThat(tickets.get("NUMI-7K3Q-9XMD").survey().published()).isTrue();
        }

        @Test
        void shouldThrowNamingTheFieldWhenTheStatusIsUnknown() {
            // given
            ObjectNode event = example(LIFECYCLE);
            event.put("status", "LOST");

            // when / then
            assertThatThrownBy(() -> lifecycle.accept(message(event, "e1", "fr.numi.ticket.ticket-qualified.v1")))
                    .isInstanceOf(RejectedEventException.class)
                    .hasMessage("ticket.lifecycle.v1 record with an invalid status");
        }

        @Test
        void shouldApplyTheCommonFieldsWhenTheChangeIsNewToThisVersion() {
            // given
            ObjectNode event = example(LIFECYCLE);
            event.put("cyber", true);

            // when
            lifecycle.accept(message(event, "e1", "fr.numi.ticket.ticket-cyber-urgency-marked.v1"));
            lifecycle.accept(message(example(LIFECYCLE), "e2", "fr.numi.ticket.ticket-something-new.v1"));

            // then
            assertThat(meters.get("numi.cyber.urgencies").tag("channel", "WEB").counter().count()).isEqualTo(1.0);
            assertThat(meters.get("numi.ticket.lifecycle.events").tag("status", "QUALIFIED").counter().count()).isEqualTo(2.0);
        }

        @Test
        void shouldThrowWhenTheTypeIsNotATicketLifecycleType() {
            assertThatThrownBy(() -> lifecycle.accept(message(example(LIFECYCLE), "e1", "fr.numi.intake.request-received.v1")))
                    .isInstanceOf(RejectedEventException.class)
                    .hasMessageStartingWith("ticket.lifecycle.v1 record with an unexpected ce_type");
            Map<String, String> headers = Records.cloudEvent("e1", "/numi/ticket-service", "fr.numi.ticket.ticket-qualified.v1", null);
            headers.remove("ce_type");
            assertThatThrownBy(() -> lifecycle.accept(Records.message(Contracts.example(LIFECYCLE), headers)))
                    .hasMessage("ticket.lifecycle.v1 record without ce_type");
        }

        @Test
        void shouldThrowSoTheBinderDeadLettersWhenTheRecordIsNotJson() {
            assertThatThrownBy(() -> lifecycle.accept(message("nope".getBytes(StandardCharsets.UTF_8), "e1", TYPES.get(LIFECYCLE))))
                    .isInstanceOf(RejectedEventException.class)
                    .hasMessageStartingWith("unreadable ticket.lifecycle.v1 record");
        }
    }

    @Nested
    class Ratings {

        @Test
        void shouldCountTheRatingWhenTheTicketIsResolved() {
            // given
            resolveTheExampleTicket();

            // when
            feedback.accept(message(example(FEEDBACK), "f1", "fr.numi.intake.feedback-received.v1"));

            // then
            assertThat(meters.get("numi.feedback.ratings").tags("rating", "5", "satisfied", "true", "level", "2", "channel", "WEB")
                    .counter().count()).isEqualTo(1.0);
        }

        @Test
        void shouldParkTheRatingWhenTheTicketIsUnknown() {
            // when
            feedback.accept(message(example(FEEDBACK), "f1", "fr.numi.intake.feedback-received.v1"));

            // then
            assertThat(ratingsCounted()).isZero();
            assertThat(meters.get("numi.feedback.ratings.parked").counter().count()).isEqualTo(1.0);
            assertThat(tickets.countParkedRatings().block()).isEqualTo(1);
        }

        @Test
        void shouldThrowWhenTheRatingIsOutOfRange() {
            // given
            ObjectNode event = example(FEEDBACK);
            event.put("rating", 9);

            // when / then
            assertThatThrownBy(() -> feedback.accept(message(event, "f1", TYPES.get(FEEDBACK))))
                    .isInstanceOf(RejectedEventException.class)
                    .hasMessageContaining("a rating is 1 to 5, was 9");
            assertThat(ratingsCounted()).isZero();
        }

        @Test
        void shouldThrowNamingTheMissingFieldsWhenTheRecordIsNotAFeedback() {
            assertThatThrownBy(() -> feedback.accept(message("{}".getBytes(StandardCharsets.UTF_8), "f1", TYPES.get(FEEDBACK))))
                    .hasMessageContaining("feedbackId, ticketId, rating, receivedAt");
        }
    }

    @Nested
    class Urgency {

        @Test
        void shouldCountTheCyberUrgencyOnceWhenTheContractExampleArrivesTwice() {
            // when
            urgency.accept(message(example(URGENCY), "u1", "fr.numi.urgency.cyber-urgency-declared.v1"));
            urgency.accept(message(example(URGENCY), "u1", "fr.numi.urgency.cyber-urgency-declared.v1"));

            // then
            assertThat(meters.get("numi.cyber.urgencies").tag("channel", "none").counter().count()).isEqualTo(1.0);
            assertThat(tickets.findAwaitingLevel3().collectList().block()).hasSize(1);
        }

        @Test
        void shouldThrowNamingTheMissingFields() {
            assertThatThrownBy(() -> urgency.accept(message("{}".getBytes(StandardCharsets.UTF_8), "u1", TYPES.get(URGENCY))))
                    .isInstanceOf(RejectedEventException.class)
                    .hasMessageContaining("urgencyId, ticketId, declaredAt");
        }
    }
}
