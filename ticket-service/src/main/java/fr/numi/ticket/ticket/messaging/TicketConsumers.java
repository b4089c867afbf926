package fr.numi.ticket.ticket.messaging;

import fr.numi.contracts.cloudevents.EventKey;
import fr.numi.contracts.cloudevents.EventReader;
import fr.numi.contracts.cloudevents.ReceivedEvent;
import fr.numi.ticket.ticket.application.RecordTicketEvents;
import fr.numi.ticket.ticket.application.TicketUpdates;
import fr.numi.ticket.ticket.domain.AttachmentRef;
import fr.numi.ticket.ticket.domain.ContactPoint;
import fr.numi.ticket.ticket.domain.CyberUrgency;
import fr.numi.ticket.ticket.domain.RequestFacts;
import fr.numi.ticket.ticket.domain.TriageDecision;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * The Spring Cloud Stream function beans of ticket-service (bindings in application.yml). One record per call, so the
 * binder's retries and dead-letter topics apply. Each record is read by the {@link EventReader} into ticket-service's
 * own copy of its body, which says which fields it needs: a record without one, or with one out of its contract, is
 * refused with a reason naming it, retried, then dead-lettered. A ticket remembers the events it applied by their key
 * ({@code ce_source} + {@code ce_id}), so a redelivery changes nothing.
 */
@Configuration(proxyBeanMethods = false)
class TicketConsumers {

    private final EventReader events;

    TicketConsumers(EventReader events) {
        this.events = events;
    }

    @Bean
    Consumer<Message<byte[]>> requestReceived(RecordTicketEvents useCase) {
        return message -> {
            ReceivedEvent<RequestReceived> received = events.read(message, RequestReceived.INCOMING);
            receive(useCase, received.key().value(), received.body());
        };
    }

    /**
     * The red button's copy of the request, on its own topic: the ticket opens from it at once (its tracking link works,
     * urgency-service's declaration finds it) however far behind the ordinary requests are. It is applied under the
     * request's own event key, so the copy that comes later on the request topic changes nothing.
     */
    @Bean
    Consumer<Message<byte[]>> redButtonPressed(RecordTicketEvents useCase) {
        return message -> {
            ReceivedEvent<RequestReceived> received = events.read(message, RequestReceived.RED_BUTTON);
            receive(useCase, new EventKey(received.key().source(), received.body().requestId()).value(), received.body());
        };
    }

    private static void receive(RecordTicketEvents useCase, String eventKey, RequestReceived event) {
        var contact = event.contact();
        ContactPoint point = contact == null || contact.kind() == null || contact.value() == null ? null
                : new ContactPoint(contact.kind(), contact.value(), Boolean.TRUE.equals(event.contactProven()),
                        event.reachableBy() == null ? List.of() : event.reachableBy(), event.channel(), event.receivedAt());
        List<AttachmentRef> attachments = event.attachments() == null ? List.of() : event.attachments().stream()
                .map(a -> new AttachmentRef(a.attachmentId(), a.type(), a.mimeType(), a.filename()))
                .toList();
        RequestFacts facts = new RequestFacts(event.requestId(), event.ticketId(), event.customerId(), event.channel(),
                event.trackingTokenHash(), event.redButton(), event.receivedAt(), event.name(), event.subject(),
                event.text() == null ? "" : event.text(), point,
                attachments, event.answeredBy());
        useCase.requestReceived(eventKey, event.ticketId(), facts, event.inReplyTo());
    }

    @Bean
    Consumer<Message<byte[]>> requestTriaged(RecordTicketEvents useCase) {
        return message -> {
            ReceivedEvent<RequestTriaged> received = events.read(message, RequestTriaged.INCOMING);
            RequestTriaged event = received.body();
            TriageDecision decision = new TriageDecision(event.requestId(), event.level(), event.urgency(), event.category(),
                    event.cyber(), event.confidence(),
                    event.reasons() == null ? null : event.reasons().stream()
                            .map(r -> new TriageDecision.Reason(r.signal(), r.detail(), r.weight())).toList(),
                    event.rulesVersion(), event.decidedAt(), event.cyberTier(), Boolean.TRUE.equals(event.needsReview()));
            useCase.requestTriaged(received.key().value(), event.ticketId(), decision);
        };
    }

    @Bean
    Consumer<Message<byte[]>> cyberUrgencyDeclared(RecordTicketEvents useCase) {
        return message -> {
            ReceivedEvent<CyberUrgencyDeclared> received = events.read(message, CyberUrgencyDeclared.INCOMING);
            CyberUrgencyDeclared event = received.body();
            var instructions = event.instructions();
            var orientation = event.orientation();
            CyberUrgency urgency = new CyberUrgency(event.urgencyId(), event.trigger(), event.incidentType(),
                    event.incidentLabel() == null ? event.incidentType() : event.incidentLabel(),
                    event.revision() == null ? 1 : event.revision(), event.declaredAt(),
                    instructions == null ? null : instructions.title(), instructions == null ? null : instructions.lines(),
                    instructions == null ? null : instructions.delivery(),
                    orientation == null || orientation.steps() == null ? null : orientation.steps().stream()
                            .map(s -> new CyberUrgency.OrientationStep(s.order(), s.service(), s.action(), s.phone(), s.url(), s.agentNote()))
                            .toList(),
                    orientation == null ? null : orientation.delivery(),
                    event.customerId(), event.channel(), event.triggeredAt());
            useCase.cyberUrgencyDeclared(received.key().value(), event.ticketId(), urgency, event.fromProvenSender());
        };
    }

    /** Only failures matter to the ticket: the agents must then reach the person another way. */
    @Bean
    Consumer<Message<byte[]>> deliveryStatus(RecordTicketEvents useCase) {
        return message -> {
            ReceivedEvent<DeliveryStatus> received = events.read(message, DeliveryStatus.INCOMING);
            DeliveryStatus event = received.body();
            if (event.failed()) {
                useCase.deliveryFailed(received.key().value(), event.ticketId(), event.kind(), event.reason());
            }
        };
    }

    /** The person proved the contact they typed (a code): answers may now go there, and their conversation may join. */
    @Bean
    Consumer<Message<byte[]>> contactVerified(RecordTicketEvents useCase) {
        return message -> {
            ReceivedEvent<ContactVerified> received = events.read(message, ContactVerified.INCOMING);
            if (received.personalDataErased()) {
                return; // the contact was erased with the person: nothing to prove any more
            }
            ContactVerified event = received.body();
            ContactPoint proven = new ContactPoint(event.contact().kind(), event.contact().value(), true,
                    event.reachableBy() == null ? List.of() : event.reachableBy(), "WEB", event.verifiedAt());
            useCase.contactVerified(received.key().value(), event.ticketId(), event.customerId(), proven);
        };
    }

    /** The person's rating and comment: shown to the ticket's agents. */
    @Bean
    Consumer<Message<byte[]>> feedbackReceived(RecordTicketEvents useCase) {
        return message -> {
            ReceivedEvent<FeedbackReceived> received = events.read(message, FeedbackReceived.INCOMING);
            FeedbackReceived event = received.body();
            useCase.rated(received.key().value(), event.ticketId(), event.rating(), event.comment(), event.channel(), event.receivedAt());
        };
    }

    /**
     * Every instance follows the lifecycle topic (anonymous group, from the latest offset) so that a person's live
     * stream updates whichever instance they are connected to. A record it cannot read is dropped (one attempt, no
     * dead-letter topic: a signal, not data).
     */
    @Bean
    Consumer<Message<byte[]>> trackingUpdates(TicketUpdates updates) {
        return message -> updates.changed(events.read(message, TicketChanged.INCOMING).body().ticketId());
    }
}
