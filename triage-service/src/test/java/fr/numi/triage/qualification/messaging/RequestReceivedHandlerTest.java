package fr.numi.triage.qualification.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.numi.contracts.Contracts;
import fr.numi.contracts.cloudevents.EventReader;
import fr.numi.contracts.cloudevents.RejectedEventException;
import fr.numi.contracts.testing.Records;
import fr.numi.triage.qualification.application.DecisionPublisher;
import fr.numi.triage.qualification.application.QualifyRequest;
import fr.numi.triage.qualification.application.TriagedRequest;
import fr.numi.triage.qualification.domain.Urgency;
import fr.numi.triage.support.InMemoryContactHistory;
import fr.numi.triage.support.InMemoryDecisionArchive;
import fr.numi.triage.support.Rules;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.validation.Validation;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.messaging.Message;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The consumer function fed with the contract's own example, as intake publishes it. */
class RequestReceivedHandlerTest {

    static final String TOPIC = "intake.request-received.v1";
    static final String TYPE = "fr.numi.intake.request-received.v1";

    /** A record as intake writes it, as the binder hands it over. */
    static Message<byte[]> message(byte[] body) {
        return Records.message(body, Records.cloudEvent("web-1", "/numi/intake-service", TYPE, "NUMI-7K3Q-9XMD"));
    }

    final JsonMapper json = JsonMapper.builder().build();
    final EventReader events = new EventReader(json, Validation.buildDefaultValidatorFactory().getValidator());
    final List<TriagedRequest> published = new ArrayList<>();
    final DecisionPublisher publisher = published::add;
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final InMemoryDecisionArchive archive = new InMemoryDecisionArchive();
    final RequestReceivedHandler handler = new RequestReceivedHandler(
            events, new QualifyRequest(Rules.triage(Clock.systemUTC()), publisher, new InMemoryContactHistory(), archive, meters));

    @Test
    void shouldPublishALevel2PrintingDecisionWhenTheContractExampleArrives() {
        // given
        Message<byte[]> message = message(Contracts.example(TOPIC));

        // when
        handler.accept(message);

        // then
        assertThat(published).singleElement().satisfies(triaged -> {
            assertThat(triaged.requestId()).isEqualTo("web-5b0f6a52-8d4e-4b8e-9d53-2f0f7c1f2a11");
            assertThat(triaged.ticketId()).isEqualTo("NUMI-7K3Q-9XMD");
            assertThat(triaged.customerId()).isEqualTo("cus_3f1e0c9b8a7d6e5f4a3b2c1d0e9f8a7b");
            assertThat(triaged.decision().category()).isEqualTo("printing");
            assertThat(triaged.decision().level()).isEqualTo(2);
            assertThat(triaged.decision().cyber()).isFalse();
        });
        assertThat(meters.get("numi.triage.decisions").tag("category", "printing").counter().count()).isEqualTo(1.0);
        assertThat(archive.decisions).containsOnlyKeys("web-5b0f6a52-8d4e-4b8e-9d53-2f0f7c1f2a11");
        assertThat(archive.decisions.get("web-5b0f6a52-8d4e-4b8e-9d53-2f0f7c1f2a11").text()).contains("imprimante");
    }

    @Test
    void shouldPublishACriticalCyberDecisionWhenTheExampleCarriesTheRedButton() {
        // given
        ObjectNode event = (ObjectNode) json.readTree(Contracts.example(TOPIC));
        event.put("redButton", true);

        // when
        handler.accept(message(json.writeValueAsBytes(event)));

        // then
        assertThat(published).singleElement().satisfies(triaged -> {
            assertThat(triaged.decision().level()).isEqualTo(3);
            assertThat(triaged.decision().cyber()).isTrue();
            assertThat(triaged.decision().urgency()).isEqualTo(Urgency.CRITICAL);
        });
    }

    @Test
    void shouldIgnoreFieldsItDoesNotKnowWhenTheEventGrowsWithinV1() {
        // given
        ObjectNode event = (ObjectNode) json.readTree(Contracts.example(TOPIC));
        event.put("someFutureField", "x");

        // when
        handler.accept(message(json.writeValueAsBytes(event)));

        // then
        assertThat(published).hasSize(1);
    }

    @Test
    void shouldThrowWithoutQuotingTheContentWhenTheRecordIsNotJson() {
        // given
        Message<byte[]> message = message("{\"text\": \"secret words".getBytes(StandardCharsets.UTF_8));

        // when / then
        assertThatThrownBy(() -> handler.accept(message))
                .isInstanceOf(RejectedEventException.class)
                .hasMessageStartingWith("unreadable intake.request-received.v1 record")
                .message().doesNotContain("secret");
        assertThat(published).isEmpty();
    }

    @Test
    void shouldThrowNamingTheMissingFieldsWhenTheRecordIsNotARequest() {
        // given
        Message<byte[]> message = message("{\"hello\": 1}".getBytes(StandardCharsets.UTF_8));

        // when / then
        assertThatThrownBy(() -> handler.accept(message))
                .isInstanceOf(RejectedEventException.class)
                .hasMessageContaining("requestId, ticketId, customerId, text, redButton");
    }

    @Test
    void shouldThrowNamingTheMissingAttributeWhenTheRecordHasNoEventId() {
        // given
        Map<String, String> headers = Records.cloudEvent("web-1", "/numi/intake-service", TYPE, "NUMI-7K3Q-9XMD");
        headers.remove("ce_id");

        // when / then
        assertThatThrownBy(() -> handler.accept(Records.message(Contracts.example(TOPIC), headers)))
                .isInstanceOf(RejectedEventException.class)
                .hasMessage("intake.request-received.v1 record without ce_id");
        assertThat(published).isEmpty();
    }

    @Test
    void shouldThrowWhenTheRecordIsNotARequestButAnotherEventOfTheTopic() {
        // given
        Map<String, String> headers = Records.cloudEvent("web-1", "/numi/intake-service", "fr.numi.intake.red-button-pressed.v1", null);

        // when / then
        assertThatThrownBy(() -> handler.accept(Records.message(Contracts.example(TOPIC), headers)))
                .isInstanceOf(RejectedEventException.class)
                .hasMessageContaining("unexpected ce_type");
    }

    @Test
    void shouldLetAPublishingFailurePropagateSoTheBinderRetries() {
        // given
        RequestReceivedHandler failing = new RequestReceivedHandler(events, new QualifyRequest(
                Rules.triage(Clock.systemUTC()),
                triaged -> {
                    throw new fr.numi.triage.qualification.application.DecisionNotPublishedException("broker away", null);
                },
                new InMemoryContactHistory(),
                new InMemoryDecisionArchive(),
                meters));

        // when / then
        assertThatThrownBy(() -> failing.accept(message(Contracts.example(TOPIC))))
                .hasMessage("broker away");
        assertThat(meters.find("numi.triage.decisions").counter()).isNull();
    }
}
