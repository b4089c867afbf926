package fr.numi.ticket.ticket.messaging;

import fr.numi.ticket.ticket.application.RecordTicketEvents;
import fr.numi.ticket.ticket.application.TicketUpdates;
import fr.numi.ticket.ticket.domain.AttachmentRef;
import fr.numi.ticket.ticket.domain.ContactPoint;
import fr.numi.ticket.ticket.domain.CyberUrgency;
import fr.numi.ticket.ticket.domain.RequestFacts;
import fr.numi.ticket.ticket.domain.TriageDecision;
import fr.numi.ticket.ticket.domain.Urgency;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Spring Cloud Stream function beans of ticket-service (bindings in application.yml). One record
 * per call, so the binder's retries and dead-letter topics apply; the idempotency key is the
 * CloudEvents id.
 */
@Configuration(proxyBeanMethods = false)
class TicketConsumers {

    private final JsonMapper json;

    TicketConsumers(JsonMapper json) {
        this.json = json.rebuild().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    }

    @Bean
    Consumer<Message<byte[]>> requestReceived(RecordTicketEvents useCase) {
        return message -> {
            IncomingEvents.RequestReceived event = read(message, IncomingEvents.RequestReceived.class);
            require(event.ticketId(), "ticketId");
            require(event.requestId(), "requestId");
            require(event.customerId(), "customerId");
            require(event.channel(), "channel");
            require(event.trackingTokenHash(), "trackingTokenHash");
            require(event.receivedAt(), "receivedAt");
            require(event.text(), "text");
            var contact = event.contact();
            ContactPoint point = contact == null || contact.kind() == null || contact.value() == null ? null
                    : new ContactPoint(contact.kind(), contact.value(), Boolean.TRUE.equals(event.contactProven()),
                            event.reachableBy() == null ? List.of() : event.reachableBy(), event.channel(), event.receivedAt());
            List<AttachmentRef> attachments = event.attachments() == null ? List.of() : event.attachments().stream()
                    .map(a -> new AttachmentRef(a.attachmentId(), a.type(), a.mimeType(), a.filename()))
                    .toList();
            RequestFacts facts = new RequestFacts(event.requestId(), event.ticketId(), event.customerId(), event.channel(),
                    event.trackingTokenHash(), event.redButton(), event.receivedAt(), event.name(), event.subject(), event.text(), point,
                    attachments, event.answeredBy());
            useCase.requestReceived(eventId(message, "intake", event.requestId()), event.ticketId(), facts, event.inReplyTo());
        };
    }

    @Bean
    Consumer<Message<byte[]>> requestTriaged(RecordTicketEvents useCase) {
        return message -> {
            IncomingEvents.RequestTriaged event = read(message, IncomingEvents.RequestTriaged.class);
            require(event.ticketId(), "ticketId");
            require(event.requestId(), "requestId");
            TriageDecision decision;
            try {
                decision = new TriageDecision(event.requestId(), event.level(), Urgency.valueOf(require(event.urgency(), "urgency")),
                        event.category(), event.cyber(), event.confidence(),
                        event.reasons() == null ? null : event.reasons().stream()
                                .map(r -> new TriageDecision.Reason(r.signal(), r.detail(), r.weight())).toList(),
                        event.rulesVersion(), require(event.decidedAt(), "decidedAt"), event.cyberTier(),
                        Boolean.TRUE.equals(event.needsReview()));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new InvalidEventException("request-triaged is invalid: " + e.getMessage(), e);
            }
            useCase.requestTriaged(eventId(message, "triage", event.requestId()), event.ticketId(), decision);
        };
    }

    @Bean
    Consumer<Message<byte[]>> cyberUrgencyDeclared(RecordTicketEvents useCase) {
        return message -> {
            IncomingEvents.CyberUrgencyDeclared event = read(message, IncomingEvents.CyberUrgencyDeclared.class);
            require(event.ticketId(), "ticketId");
            CyberUrgency urgency;
            try {
                var instructions = event.instructions();
                var orientation = event.orientation();
                urgency = new CyberUrgency(require(event.urgencyId(), "urgencyId"), event.trigger(), require(event.incidentType(), "incidentType"),
                        event.incidentLabel() == null ? event.incidentType() : event.incidentLabel(),
                        event.revision() == null ? 1 : event.revision(), event.declaredAt(),
                        instructions == null ? null : instructions.title(), instructions == null ? null : instructions.lines(),
                        instructions == null ? null : instructions.delivery(),
                        orientation == null || orientation.steps() == null ? null : orientation.steps().stream()
                                .map(s -> new CyberUrgency.OrientationStep(s.order(), s.service(), s.action(), s.phone(), s.url(), s.agentNote()))
                                .toList(),
                        orientation == null ? null : orientation.delivery(),
                        event.customerId(), event.channel(), event.triggeredAt());
            } catch (NullPointerException e) {
                throw new InvalidEventException("cyber-urgency-declared is invalid: " + e.getMessage(), e);
            }
            // A red button from WhatsApp or a call came from a sender the provider proved; one from the web form did not.
            boolean proven = "WHATSAPP".equals(event.channel()) || "PHONE".equals(event.channel());
            useCase.cyberUrgencyDeclared(eventId(message, "urgency", event.urgencyId() + ":" + urgency.revision()), event.ticketId(), urgency,
                    proven);
        };
    }

    /** Only failures matter to the ticket: the agents must then reach the person another way. */
    @Bean
    Consumer<Message<byte[]>> deliveryStatus(RecordTicketEvents useCase) {
        return message -> {
            IncomingEvents.DeliveryStatus event = read(message, IncomingEvents.DeliveryStatus.class);
            require(event.ticketId(), "ticketId");
            if ("FAILED".equals(require(event.outcome(), "outcome"))) {
                useCase.deliveryFailed(eventId(message, "delivery", event.statusId()), event.ticketId(), event.kind(), event.reason());
            }
        };
    }

    /** The person proved the contact they typed (a code): answers may now go there, and their conversation may join. */
    @Bean
    Consumer<Message<byte[]>> contactVerified(RecordTicketEvents useCase) {
        return message -> {
            IncomingEvents.ContactVerified event = read(message, IncomingEvents.ContactVerified.class);
            require(event.ticketId(), "ticketId");
            require(event.customerId(), "customerId");
            require(event.verifiedAt(), "verifiedAt");
            require(event.contact(), "contact");
            require(event.contact().kind(), "contact.kind");
            require(event.contact().value(), "contact.value");
            ContactPoint proven = new ContactPoint(event.contact().kind(), event.contact().value(), true,
                    event.reachableBy() == null ? List.of() : event.reachableBy(), "WEB", event.verifiedAt());
            useCase.contactVerified(eventId(message, "intake", event.verificationId()), event.ticketId(), event.customerId(), proven);
        };
    }

    /** The person's rating and comment: shown to the ticket's agents. */
    @Bean
    Consumer<Message<byte[]>> feedbackReceived(RecordTicketEvents useCase) {
        return message -> {
            IncomingEvents.FeedbackReceived event = read(message, IncomingEvents.FeedbackReceived.class);
            require(event.feedbackId(), "feedbackId");
            require(event.ticketId(), "ticketId");
            require(event.receivedAt(), "receivedAt");
            int rating = require(event.rating(), "rating");
            if (rating < 1 || rating > 5) {
                throw new InvalidEventException("rating out of 1..5", null);
            }
            useCase.rated(eventId(message, "intake", event.feedbackId()), event.ticketId(), rating, event.comment(), event.channel(),
                    event.receivedAt());
        };
    }

    /**
     * Every instance follows the lifecycle topic (anonymous group, from the latest offset) so that a
     * person's live stream updates whichever instance they are connected to.
     */
    @Bean
    Consumer<Message<byte[]>> trackingUpdates(TicketUpdates updates) {
        return message -> {
            Object subject = message.getHeaders().get("ce_subject");
            String ticketId = subject instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : subject == null ? null : subject.toString();
            if (ticketId != null) {
                updates.changed(ticketId);
            }
        };
    }

    private <T> T read(Message<byte[]> message, Class<T> type) {
        try {
            return Objects.requireNonNull(json.readValue(message.getPayload(), type), "empty body");
        } catch (JacksonException | NullPointerException e) {
            throw new InvalidEventException("unreadable " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** The CloudEvents id (source + id identify an event); falls back to the body's request id. */
    static String eventId(Message<?> message, String producer, String fallback) {
        Object id = message.getHeaders().get("ce_id");
        String value = id instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : id == null ? fallback : id.toString();
        return producer + ":" + value;
    }

    private static <T> T require(T value, String field) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            throw new InvalidEventException("missing " + field, null);
        }
        return value;
    }
}
