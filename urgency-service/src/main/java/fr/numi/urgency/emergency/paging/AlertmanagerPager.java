package fr.numi.urgency.emergency.paging;

import fr.numi.urgency.config.UrgencyProperties;
import fr.numi.urgency.emergency.application.NotificationRequest.Kind;
import fr.numi.urgency.emergency.application.Pager;
import fr.numi.urgency.emergency.domain.StepStatus;
import fr.numi.urgency.emergency.domain.Urgency;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.github.resilience4j.reactor.retry.RetryOperator;
import io.github.resilience4j.reactor.timelimiter.TimeLimiterOperator;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Pages level 3 by posting an alert to an Alertmanager-compatible webhook
 * ({@code numi.urgency.paging.webhook-url}, e.g. {@code http://alertmanager:9093/api/v2/alerts}): the
 * body is Alertmanager's API v2 list of postable alerts, so Alertmanager routes it to the on-call
 * level-3 receiver (pager, SMS, chat) and de-duplicates on the labels. Guarded by the Resilience4j
 * instances named {@code paging-webhook}: a time limit per call, retries, and a circuit breaker so a dead
 * webhook does not hold threads. The page names the ticket and the incident, never the person.
 */
@Component
class AlertmanagerPager implements Pager {

    static final String INSTANCE = "paging-webhook";

    private final WebClient http;
    private final JsonMapper json;
    private final UrgencyProperties.Paging settings;
    private final CircuitBreaker circuitBreaker;
    private final Retry retry;
    private final TimeLimiter timeLimiter;

    AlertmanagerPager(JsonMapper json, UrgencyProperties properties, CircuitBreakerRegistry circuitBreakers,
            RetryRegistry retries, TimeLimiterRegistry timeLimiters) {
        // Boot 4 moved WebClient.Builder's auto-configuration out of webflux; one plain client is all this needs.
        this.http = WebClient.builder().build();
        this.json = json;
        this.settings = properties.paging();
        this.circuitBreaker = circuitBreakers.circuitBreaker(INSTANCE);
        this.retry = retries.retry(INSTANCE);
        this.timeLimiter = timeLimiters.timeLimiter(INSTANCE);
    }

    @Override
    public boolean enabled() {
        return settings.webhookUrl() != null && !settings.webhookUrl().isBlank();
    }

    @Override
    public CompletionStage<Outcome> page(Urgency urgency, String incidentLabel) {
        return post(alert(urgency, incidentLabel));
    }

    @Override
    public CompletionStage<Outcome> pageDeliveryFailure(Urgency urgency, String incidentLabel, Kind kind, String reason) {
        return post(deliveryFailureAlert(urgency, incidentLabel, kind, reason, Instant.now()));
    }

    private CompletionStage<Outcome> post(Map<String, Object> alert) {
        byte[] body = json.writeValueAsBytes(List.of(alert));
        AtomicInteger attempts = new AtomicInteger();
        return Mono.defer(() -> {
                    attempts.incrementAndGet();
                    return http.post()
                            .uri(settings.webhookUrl())
                            .contentType(MediaType.APPLICATION_JSON)
                            .bodyValue(body)
                            .retrieve()
                            .toBodilessEntity();
                })
                .transformDeferred(TimeLimiterOperator.of(timeLimiter))
                .transformDeferred(CircuitBreakerOperator.of(circuitBreaker))
                .transformDeferred(RetryOperator.of(retry))
                .map(response -> new Outcome(true, attempts.get(), null))
                .onErrorResume(e -> Mono.just(new Outcome(false, attempts.get(), reason(e))))
                .toFuture();
    }

    /** One Alertmanager postable alert. */
    Map<String, Object> alert(Urgency u, String incidentLabel) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("alertname", "NumiCyberUrgency");
        labels.put("severity", "critical");
        labels.put("team", settings.team());
        labels.put("service", "urgency-service");
        labels.put("ticket", u.ticketId());
        labels.put("incident_type", u.incidentType().name());
        labels.put("trigger", u.trigger().name());
        labels.put("instructions", delivery(u.instructions().status()));
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("summary", "Urgence cyber " + u.ticketId() + " : " + incidentLabel);
        annotations.put("description", description(u, incidentLabel));
        annotations.put("instructions_delivery", delivery(u.instructions().status()));
        annotations.put("orientation_delivery", delivery(u.orientation().status()));
        annotations.put("urgency_url", link(u));
        Map<String, Object> alert = new LinkedHashMap<>();
        alert.put("labels", labels);
        alert.put("annotations", annotations);
        alert.put("startsAt", u.declaredAt().toString());
        alert.put("generatorURL", link(u));
        return alert;
    }

    /**
     * The alert sent when intake reports that a message did not reach the person. Its own alertname and a
     * {@code kind} label make it a new alert for Alertmanager (not an update of the urgency's first one),
     * so level 3 is notified again.
     */
    Map<String, Object> deliveryFailureAlert(Urgency u, String incidentLabel, Kind kind, String reason, Instant now) {
        boolean instructions = kind == Kind.CYBER_INSTRUCTIONS;
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("alertname", "NumiCyberDeliveryFailed");
        labels.put("severity", "critical");
        labels.put("team", settings.team());
        labels.put("service", "urgency-service");
        labels.put("ticket", u.ticketId());
        labels.put("incident_type", u.incidentType().name());
        labels.put("kind", kind.name());
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("summary", "Urgence cyber " + u.ticketId() + " : " + (instructions
                ? "la personne n'a pas reçu les premières consignes" : "la personne n'a pas reçu l'orientation"));
        annotations.put("description", "Urgence cyber sur le ticket " + u.ticketId() + " (" + incidentLabel + ") : " + (instructions
                ? "ATTENTION : la personne n'a pas reçu les premières consignes, contactez-la tout de suite et donnez-les-lui de vive voix."
                : "la personne n'a pas reçu l'orientation (qui contacter, dans quel ordre) : donnez-la-lui de vive voix."));
        annotations.put("delivery_reason", reason == null ? "" : reason);
        annotations.put("urgency_url", link(u));
        Map<String, Object> alert = new LinkedHashMap<>();
        alert.put("labels", labels);
        alert.put("annotations", annotations);
        alert.put("startsAt", now.toString());
        alert.put("generatorURL", link(u));
        return alert;
    }

    private String description(Urgency u, String incidentLabel) {
        String by = switch (u.trigger()) {
            case RED_BUTTON -> "la personne a appuyé sur le bouton rouge";
            case TRIAGE -> "le triage a reconnu une urgence cyber";
            case AGENT -> "un agent l'a déclarée";
        };
        StringBuilder text = new StringBuilder("Urgence cyber sur le ticket ").append(u.ticketId()).append(" (").append(incidentLabel)
                .append(") : ").append(by).append(". Le ticket est en tête de la file du niveau 3.");
        if (u.instructions().status() == StepStatus.FAILED) {
            text.append(" ATTENTION : les premières consignes n'ont pas pu être envoyées à la personne, contactez-la tout de suite.");
        } else {
            text.append(" Les premières consignes ont été envoyées à la personne.");
        }
        if (u.orientation().status() == StepStatus.FAILED) {
            text.append(" L'orientation n'a pas pu être envoyée : donnez-la de vive voix.");
        }
        return text.toString();
    }

    private static String delivery(StepStatus status) {
        return status == StepStatus.DONE ? "HANDED_TO_DELIVERY" : status.name();
    }

    private String link(Urgency u) {
        return settings.linkBaseUrl().replaceAll("/+$", "") + "/api/v1/urgencies/" + u.ticketId();
    }

    private static String reason(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + (message.length() > 200 ? message.substring(0, 200) : message));
    }
}
