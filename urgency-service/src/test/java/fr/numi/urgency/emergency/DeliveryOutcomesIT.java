package fr.numi.urgency.emergency;

import fr.numi.contracts.privacy.CustomerKeys;
import org.springframework.beans.factory.annotation.Autowired;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.numi.urgency.support.Alertmanager;
import fr.numi.urgency.support.Flow;
import fr.numi.urgency.support.Flow.Person;
import fr.numi.urgency.support.Prometheus;
import fr.numi.urgency.support.UrgencyIntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * intake's reports on the instructions and orientation ({@code intake.delivery-status.v1}) in on the real
 * broker: what level 3 then reads on the urgency, and the second page the Alertmanager stand-in receives.
 */
@UrgencyIntegrationTest
class DeliveryOutcomesIT {

    @Autowired
    CustomerKeys customerKeys;

    static final Duration PATIENCE = Duration.ofSeconds(30);
    static final String FAILURE_ALERT = "NumiCyberDeliveryFailed";
    static final String UNDELIVERABLE = "WhatsApp error 131026: message undeliverable";

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @LocalServerPort
    int port;

    /** The actuator, on the management port. */
    @LocalManagementPort
    int managementPort;

    Flow flow;
    Prometheus prometheus;

    @BeforeEach
    void setUp() {
        flow = new Flow(brokers, port, customerKeys);
        prometheus = new Prometheus(managementPort);
    }

    /** A red button, declared and paged once: the urgency's messages are out, waiting for intake's reports. */
    Person declaredAndPaged() {
        Person person = Flow.newPerson();
        flow.requestReceived(person, "WHATSAPP", true, "Un faux conseiller de ma banque m'a fait faire un virement.");
        flow.declared(person.ticketId(), 1);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(Alertmanager.about(person.ticketId())).hasSize(1));
        return person;
    }

    double deliveryFailures(String kind) {
        return prometheus.value("numi_cyber_delivery_failures_total", Map.of("application", "urgency-service", "kind", kind));
    }

    List<Alertmanager.Received> failurePages(Person person) {
        return Alertmanager.about(person.ticketId()).stream().filter(r -> r.body().contains(FAILURE_ALERT)).toList();
    }

    /** Waits until the orientation shows this outcome: every status sent before it (same ticket, same partition) was handled. */
    JsonNode afterOrientation(Person person, String outcome) {
        flow.deliveryStatus(person, "CYBER_ORIENTATION", 1, outcome, null);
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(flow.urgencyBody(person.ticketId()).at("/orientation/delivery/outcome").asString()).isEqualTo(outcome));
        return flow.urgencyBody(person.ticketId());
    }

    static boolean absent(JsonNode node) {
        return node.isNull() || node.isMissingNode();
    }

    @Test
    void shouldShowTheFailureAndPageLevel3AgainWhenIntakeCannotDeliverTheInstructions() {
        // given
        Person person = declaredAndPaged();
        double before = deliveryFailures("CYBER_INSTRUCTIONS");

        // when
        flow.deliveryStatus(person, "CYBER_INSTRUCTIONS", 1, "SENT", null);
        flow.deliveryStatus(person, "CYBER_INSTRUCTIONS", 1, "FAILED", UNDELIVERABLE);

        // then: level 3 reads it on the urgency
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode delivery = flow.urgencyBody(person.ticketId()).at("/instructions/delivery");
            assertThat(delivery.get("status").asString()).isEqualTo("DONE");
            assertThat(delivery.get("outcome").asString()).isEqualTo("FAILED");
            assertThat(delivery.get("reason").asString()).isEqualTo(UNDELIVERABLE);
            assertThat(delivery.at("/failurePage/status").asString()).isEqualTo("SENT");
        });
        // and is paged a second time, saying the person did not receive the instructions
        assertThat(failurePages(person)).singleElement().satisfies(page -> {
            JsonNode alert = flow.json.readTree(page.body()).get(0);
            assertThat(alert.at("/labels/alertname").asString()).isEqualTo(FAILURE_ALERT);
            assertThat(alert.at("/labels/ticket").asString()).isEqualTo(person.ticketId());
            assertThat(alert.at("/labels/kind").asString()).isEqualTo("CYBER_INSTRUCTIONS");
            assertThat(alert.at("/labels/severity").asString()).isEqualTo("critical");
            assertThat(alert.at("/annotations/description").asString())
                    .contains("ATTENTION : la personne n'a pas reçu les premières consignes, contactez-la tout de suite");
            assertThat(alert.at("/annotations/delivery_reason").asString()).isEqualTo(UNDELIVERABLE);
            assertThat(page.body()).doesNotContain(person.customerId());
        });
        assertThat(Alertmanager.about(person.ticketId())).hasSize(2);
        assertThat(deliveryFailures("CYBER_INSTRUCTIONS")).isEqualTo(before + 1);
    }

    @Test
    void shouldShowDeliveredAndPageNobodyWhenIntakeReportsTheInstructionsDeliveredBeforeTheirSent() {
        // given
        Person person = declaredAndPaged();

        // when: WhatsApp's "delivered" outruns the Send API's answer
        flow.deliveryStatus(person, "CYBER_INSTRUCTIONS", 1, "DELIVERED", null);
        flow.deliveryStatus(person, "CYBER_INSTRUCTIONS", 1, "SENT", null);

        // then
        JsonNode urgency = afterOrientation(person, "READ");
        assertThat(urgency.at("/instructions/delivery/outcome").asString()).isEqualTo("DELIVERED");
        assertThat(absent(urgency.at("/instructions/delivery/reason"))).isTrue();
        assertThat(absent(urgency.at("/instructions/delivery/failurePage"))).isTrue();
        assertThat(Alertmanager.about(person.ticketId())).hasSize(1);
    }

    @Test
    void shouldChangeNothingWhenTheSameFailureOrALateSentArrivesAgain() {
        // given: the failure is recorded and paged
        Person person = declaredAndPaged();
        String failed = flow.deliveryStatus(person, "CYBER_INSTRUCTIONS", 1, "FAILED", UNDELIVERABLE);
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(flow.urgencyBody(person.ticketId()).at("/instructions/delivery/failurePage/status").asString()).isEqualTo("SENT"));
        JsonNode recorded = flow.urgencyBody(person.ticketId()).at("/instructions/delivery");
        double before = deliveryFailures("CYBER_INSTRUCTIONS");

        // when: intake publishes the same status again, then a SENT that lost the race
        assertThat(flow.deliveryStatus(person, "CYBER_INSTRUCTIONS", 1, "FAILED", UNDELIVERABLE)).isEqualTo(failed);
        flow.deliveryStatus(person, "CYBER_INSTRUCTIONS", 1, "SENT", null);

        // then
        JsonNode urgency = afterOrientation(person, "DELIVERED");
        assertThat(urgency.at("/instructions/delivery")).isEqualTo(recorded);
        assertThat(failurePages(person)).hasSize(1);
        assertThat(deliveryFailures("CYBER_INSTRUCTIONS")).isEqualTo(before);
    }

    @Test
    void shouldIgnoreStatusesOfAnotherTicketAnotherKindOrAnotherRevision() {
        // given
        Person person = declaredAndPaged();
        Person other = Flow.newPerson();
        flow.requestReceived(other, "WHATSAPP", false, "Mon imprimante ne marche plus.");
        double before = deliveryFailures("CYBER_INSTRUCTIONS");

        // when: a ticket without an urgency, an ordinary reply of the same ticket, a revision that does not exist
        flow.deliveryStatus(other, "CYBER_INSTRUCTIONS", 1, "FAILED", UNDELIVERABLE);
        flow.deliveryStatus(person, person.ticketId() + ":notify:TICKET_CLAIMED:claimed:2", "TICKET_CLAIMED", "FAILED", UNDELIVERABLE);
        flow.deliveryStatus(person, "CYBER_INSTRUCTIONS", 2, "FAILED", UNDELIVERABLE);

        // then
        JsonNode urgency = afterOrientation(person, "SENT");
        assertThat(absent(urgency.at("/instructions/delivery/outcome"))).isTrue();
        assertThat(Alertmanager.about(person.ticketId())).hasSize(1);
        assertThat(Alertmanager.about(other.ticketId())).isEmpty();
        flow.urgency(other.ticketId()).expectStatus().isNotFound();
        assertThat(deliveryFailures("CYBER_INSTRUCTIONS")).isEqualTo(before);
    }
}
