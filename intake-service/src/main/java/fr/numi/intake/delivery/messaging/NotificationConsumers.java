package fr.numi.intake.delivery.messaging;

import fr.numi.intake.delivery.application.DeliverNotification;
import fr.numi.intake.delivery.domain.Notification;
import fr.numi.intake.delivery.domain.Route;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The function beans of outbound delivery (bindings in application.yml): one record per call, so the
 * binder's retries and dead-letter topics apply. Unreadable records are retried then dead-lettered;
 * a delivery that fails for good is dead-lettered at once (no retry) after its FAILED status.
 */
@Configuration(proxyBeanMethods = false)
class NotificationConsumers {

    private static final Pattern TICKET_ID = Pattern.compile("^NUMI-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$");
    private static final Pattern CUSTOMER_ID = Pattern.compile("^cus_[0-9a-f]{32}$");
    private static final Set<String> CHANNELS = Set.of("WEB", "WHATSAPP", "PHONE");
    /** Longer than the provider guard can take (time limit × attempts + back-off). */
    private static final Duration AT_MOST = Duration.ofMinutes(3);

    private final JsonMapper json;

    NotificationConsumers(JsonMapper json) {
        this.json = json.rebuild().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    }

    /** {@code ticket.notification-requested.v1} and {@code urgency.notification-requested.v1} share one body shape. */
    record NotificationRequested(
            String notificationId, String ticketId, String customerId, String channel, String kind, String text, Instant requestedAt,
            RecipientBody recipient, String trackingRequestId) {

        record RecipientBody(String route, ContactBody contact) {}

        record ContactBody(String kind, String value) {}
    }

    private static final Set<String> CONTACT_KINDS = Set.of("EMAIL", "PHONE", "WHATSAPP");

    /** {@code feedback.survey-requested.v1}. */
    record SurveyRequested(String surveyId, String ticketId, String customerId, String channel, Integer level, Instant requestedAt) {}

    @Bean
    Consumer<Message<byte[]>> ticketNotification(DeliverNotification deliver) {
        return message -> deliver.deliver(notification(read(message, NotificationRequested.class))).block(AT_MOST);
    }

    @Bean
    Consumer<Message<byte[]>> urgencyNotification(DeliverNotification deliver) {
        return message -> deliver.deliver(notification(read(message, NotificationRequested.class))).block(AT_MOST);
    }

    @Bean
    Consumer<Message<byte[]>> surveyRequested(DeliverNotification deliver) {
        return message -> {
            SurveyRequested s = read(message, SurveyRequested.class);
            check(s.surveyId() != null && !s.surveyId().isBlank(), "surveyId");
            check(s.ticketId() != null && TICKET_ID.matcher(s.ticketId()).matches(), "ticketId");
            check(s.customerId() != null && CUSTOMER_ID.matcher(s.customerId()).matches(), "customerId");
            check(s.channel() != null && CHANNELS.contains(s.channel()), "channel");
            String question = "Votre demande " + s.ticketId() + " est résolue. Êtes-vous satisfait de l'aide reçue ? "
                    + "Choisissez une note de 1 (pas du tout) à 5 (tout à fait).";
            deliver.deliver(new Notification(s.surveyId(), s.ticketId(), s.customerId(), s.channel(), Notification.SURVEY, question,
                            s.requestedAt()))
                    .block(AT_MOST);
        };
    }

    private Notification notification(NotificationRequested n) {
        check(n.notificationId() != null && !n.notificationId().isBlank() && n.notificationId().length() <= 300, "notificationId");
        check(n.ticketId() != null && TICKET_ID.matcher(n.ticketId()).matches(), "ticketId");
        check(n.customerId() != null && CUSTOMER_ID.matcher(n.customerId()).matches(), "customerId");
        check(n.channel() != null && CHANNELS.contains(n.channel()), "channel");
        check(n.kind() != null && !n.kind().isBlank(), "kind");
        check(n.text() != null && !n.text().isBlank() && n.text().length() <= 5000, "text");
        check(n.trackingRequestId() == null || (!n.trackingRequestId().isBlank() && n.trackingRequestId().length() <= 200), "trackingRequestId");
        Notification.Recipient recipient = null;
        if (n.recipient() != null) {
            var r = n.recipient();
            Route route = r.route() == null ? null : Arrays.stream(Route.values()).filter(v -> v.name().equals(r.route())).findFirst().orElse(null);
            check(route != null, "recipient.route");
            boolean needsContact = route != Route.TRACKING_PAGE;
            check(!needsContact || (r.contact() != null && r.contact().kind() != null && CONTACT_KINDS.contains(r.contact().kind())
                    && r.contact().value() != null && !r.contact().value().isBlank() && r.contact().value().length() <= 320), "recipient.contact");
            recipient = new Notification.Recipient(route, r.contact() == null ? null : r.contact().kind(),
                    r.contact() == null ? null : r.contact().value());
        }
        return new Notification(n.notificationId(), n.ticketId(), n.customerId(), n.channel(), n.kind(), n.text(), n.requestedAt(),
                recipient, n.trackingRequestId());
    }

    private <T> T read(Message<byte[]> message, Class<T> type) {
        try {
            return Objects.requireNonNull(json.readValue(message.getPayload(), type), "empty body");
        } catch (JacksonException | NullPointerException e) {
            throw new InvalidEventException("unreadable " + type.getSimpleName() + ": " + e.getClass().getSimpleName(), e);
        }
    }

    private static void check(boolean ok, String field) {
        if (!ok) {
            throw new InvalidEventException("missing or invalid " + field, null);
        }
    }
}
