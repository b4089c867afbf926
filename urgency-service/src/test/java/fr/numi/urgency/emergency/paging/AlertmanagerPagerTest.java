package fr.numi.urgency.emergency.paging;

import static org.assertj.core.api.Assertions.assertThat;

import fr.numi.urgency.config.UrgencyProperties;
import fr.numi.urgency.emergency.application.NotificationRequest.Kind;
import fr.numi.urgency.emergency.domain.Channel;
import fr.numi.urgency.emergency.domain.IncidentType;
import fr.numi.urgency.emergency.domain.IncidentTypeSource;
import fr.numi.urgency.emergency.domain.Trigger;
import fr.numi.urgency.emergency.domain.Urgency;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** What the page says when the person could not be reached, and what a disabled or unreachable webhook gives. */
class AlertmanagerPagerTest {

    static AlertmanagerPager pager(String url) {
        return new AlertmanagerPager(JsonMapper.builder().build(),
                new UrgencyProperties(null, null, new UrgencyProperties.Paging(url, "https://numi.example", null)),
                CircuitBreakerRegistry.ofDefaults(), RetryRegistry.ofDefaults(), TimeLimiterRegistry.ofDefaults());
    }

    static Urgency declared() {
        Instant now = Instant.parse("2026-11-26T09:15:00.035Z");
        return Urgency.declare("NUMI-7K3Q-9XMD", "cus_3f1e0c9b8a7d6e5f4a3b2c1d0e9f8a7b", Channel.PHONE, Trigger.TRIAGE, "triage:r1", null,
                IncidentType.CARD_FRAUD, IncidentTypeSource.TRIAGE_CATEGORY, now, now, Duration.ofSeconds(15));
    }

    @Test
    void shouldTellLevel3ToCallThePersonWhenTheInstructionsWereNotHandedOver() {
        // given
        Urgency urgency = declared();
        urgency = urgency.withInstructions(urgency.instructions().failed(Instant.now(), "TimeoutException"))
                .withOrientation(urgency.orientation().done(Instant.now()));

        // when
        Map<String, Object> alert = pager("http://127.0.0.1:9/api/v2/alerts").alert(urgency, "fraude à la carte ou au compte bancaire");

        // then
        @SuppressWarnings("unchecked")
        Map<String, String> labels = (Map<String, String>) alert.get("labels");
        @SuppressWarnings("unchecked")
        Map<String, String> annotations = (Map<String, String>) alert.get("annotations");
        assertThat(labels).containsEntry("instructions", "FAILED").containsEntry("trigger", "TRIAGE").containsEntry("ticket", "NUMI-7K3Q-9XMD");
        assertThat(annotations.get("description"))
                .contains("le triage a reconnu une urgence cyber")
                .contains("ATTENTION : les premières consignes n'ont pas pu être envoyées à la personne, contactez-la tout de suite.");
        assertThat(annotations).containsEntry("instructions_delivery", "FAILED").containsEntry("orientation_delivery", "HANDED_TO_DELIVERY");
        assertThat(alert.get("startsAt")).isEqualTo("2026-11-26T09:15:00.035Z");
    }

    @Test
    void shouldSayThePersonDidNotReceiveTheInstructionsInANewAlertWhenIntakeCouldNotDeliverThem() {
        // given
        Instant now = Instant.parse("2026-11-26T09:16:02.500Z");

        // when
        Map<String, Object> alert = pager("http://127.0.0.1:9/api/v2/alerts")
                .deliveryFailureAlert(declared(), "fraude à la carte ou au compte bancaire", Kind.CYBER_INSTRUCTIONS, "WhatsApp error 131026", now);

        // then: its own alertname and kind, so Alertmanager notifies instead of updating the first alert
        @SuppressWarnings("unchecked")
        Map<String, String> labels = (Map<String, String>) alert.get("labels");
        @SuppressWarnings("unchecked")
        Map<String, String> annotations = (Map<String, String>) alert.get("annotations");
        assertThat(labels).containsEntry("alertname", "NumiCyberDeliveryFailed").containsEntry("kind", "CYBER_INSTRUCTIONS")
                .containsEntry("ticket", "NUMI-7K3Q-9XMD").containsEntry("team", "level-3").containsEntry("severity", "critical");
        assertThat(annotations.get("summary")).isEqualTo("Urgence cyber NUMI-7K3Q-9XMD : la personne n'a pas reçu les premières consignes");
        assertThat(annotations.get("description")).isEqualTo("Urgence cyber sur le ticket NUMI-7K3Q-9XMD (fraude à la carte ou au compte "
                + "bancaire) : ATTENTION : la personne n'a pas reçu les premières consignes, contactez-la tout de suite et donnez-les-lui de "
                + "vive voix.");
        assertThat(annotations).containsEntry("delivery_reason", "WhatsApp error 131026")
                .containsEntry("urgency_url", "https://numi.example/api/v1/urgencies/NUMI-7K3Q-9XMD");
        assertThat(alert.get("startsAt")).isEqualTo("2026-11-26T09:16:02.500Z");
    }

    @Test
    void shouldBeDisabledWithoutAWebhookUrl() {
        assertThat(pager("").enabled()).isFalse();
        assertThat(pager(null).enabled()).isFalse();
    }

    @Test
    void shouldReportAFailureAfterTheRetriesWhenNothingListens() throws Exception {
        // when: port 9 (discard) refuses connections here
        var outcome = pager("http://127.0.0.1:9/api/v2/alerts").page(declared(), "fraude").toCompletableFuture().get(30, TimeUnit.SECONDS);

        // then
        assertThat(outcome.sent()).isFalse();
        assertThat(outcome.attempts()).isEqualTo(3);
        assertThat(outcome.error()).isNotBlank();
    }
}
