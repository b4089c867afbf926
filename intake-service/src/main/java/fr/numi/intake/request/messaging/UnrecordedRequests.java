package fr.numi.intake.request.messaging;

import fr.numi.contracts.cloudevents.EventReader;
import fr.numi.contracts.cloudevents.Incoming;
import fr.numi.contracts.cloudevents.ReceivedEvent;
import fr.numi.intake.request.application.ContactDirectory;
import fr.numi.intake.request.application.PublishedTickets;
import fr.numi.intake.request.domain.Channel;
import fr.numi.intake.request.domain.Contact;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import reactor.core.publisher.Mono;

/**
 * What intake keeps of a request it published while its database did not answer (a red button, a phone call: they are
 * never refused), written from the record itself rather than from the memory of the instance that published it: its
 * contact in the directory (to reach the person) and its ticket reference with the tracking token's hash (to take what
 * the person sends with their tracking link). Such a record carries the header {@link #HEADER}; every intake instance
 * reads {@code intake.request-received.v1} in the consumer group {@code intake-service} and skips the others at once.
 * MongoDB still away fails the call with a dependency failure: the record is tried again without limit, never
 * dead-lettered (ADR 6), so an instance that crashes before the database answers loses nothing.
 */
@Configuration(proxyBeanMethods = false)
class UnrecordedRequests {

    /** The header of a request published without intake's database. */
    static final String HEADER = "numi-intake-unrecorded";

    static final Incoming<Unrecorded> REQUESTS = Incoming.of(RequestReceived.TOPIC, Unrecorded.class, RequestReceived.TYPE);

    private static final Logger LOG = LoggerFactory.getLogger(UnrecordedRequests.class);
    private static final Duration AT_MOST = Duration.ofSeconds(30);

    /** What intake writes of the request: no words, no attachments. */
    record Unrecorded(
            @NotBlank String requestId,
            @NotNull @Pattern(regexp = "NUMI-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}") String ticketId,
            @NotBlank String trackingTokenHash,
            @NotNull @Pattern(regexp = "cus_[0-9a-f]{32}") String customerId,
            @NotNull Channel channel,
            @NotNull @Valid ContactBody contact,
            boolean contactProven,
            @NotNull Instant receivedAt) {

        record ContactBody(@NotNull Contact.Kind kind, @NotBlank String value) {}
    }

    private final EventReader events;

    UnrecordedRequests(EventReader events) {
        this.events = events;
    }

    @Bean
    Consumer<Message<byte[]>> unrecordedRequest(ContactDirectory directory, PublishedTickets tickets) {
        return message -> {
            if (!unrecorded(message.getHeaders().get(HEADER))) {
                return;
            }
            ReceivedEvent<Unrecorded> received = events.read(message, REQUESTS);
            Unrecorded r = received.body();
            if (received.personalDataErased()) {
                LOG.info("request of ticket {} published without the database not recorded: the person's data was erased", r.ticketId());
                return;
            }
            Contact contact = new Contact(r.contact().kind(), r.contact().value());
            Mono.when(directory.remember(r.customerId(), contact, r.channel(), r.contactProven(), r.receivedAt()),
                            tickets.remember(new PublishedTickets.Ticket(r.ticketId(), r.trackingTokenHash(), r.customerId(), r.channel().name(),
                                    r.requestId(), contact, r.contactProven())))
                    .block(AT_MOST);
            LOG.info("request of ticket {} published without the database: recorded from its record customer={}", r.ticketId(),
                    r.customerId());
        };
    }

    private static boolean unrecorded(Object header) {
        String value = header instanceof byte[] bytes ? new String(bytes, StandardCharsets.US_ASCII) : header == null ? null : header.toString();
        return "true".equals(value);
    }
}
