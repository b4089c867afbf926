package fr.numi.triage.qualification.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.numi.contracts.Contracts;
import fr.numi.triage.qualification.application.DecisionPublisher;
import fr.numi.triage.qualification.application.QualifyRequest;
import fr.numi.triage.qualification.application.TriagedRequest;
import fr.numi.triage.qualification.domain.Urgency;
import fr.numi.triage.support.InMemoryContactHistory;
import fr.numi.triage.support.InMemoryDecisionArchive;
import fr.numi.triage.support.Rules;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The consumer function fed with the contract's own example, as intake publishes it. */
class RequestReceivedHandlerTest {

    static final String TOPIC = "intake.request-received.v1";

    final JsonMapper json = JsonMapper.builder().build();
    final List<TriagedRequest> published = new ArrayList<>();
    final DecisionPublisher publisher = published::add;
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final InMemoryDecisionArchive archive = new InMemoryDecisionArchive();
    final RequestReceivedHandler handler = new RequestReceivedHandler(
            json, new QualifyRequest(Rules.triage(Clock.systemUTC()), publisher, new InMemoryContactHistory(), archive, meters));

    @Test
    void shouldPublishALevel2PrintingDecisionWhenTheContractExampleArrives() {
        // given
        Message<byte[]> message = MessageBuilder.withPayload(Contracts.example(TOPIC)).build();

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
        handler.accept(MessageBuilder.withPayload(json.writeValueAsBytes(event)).build());

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
        handler.accept(MessageBuilder.withPayload(json.writeValueAsBytes(event)).build());

        // then
        assertThat(published).hasSize(1);
    }

    @Test
    void shouldThrowWithoutQuotingTheContentWhenTheRecordIsNotJson() {
        // given
        Message<byte[]> message = MessageBuilder.withPayload("{\"text\": \"secret words".getBytes(StandardCharsets.UTF_8)).build();

        // when / then
        assertThatThrownBy(() -> handler.accept(message))
                .isInstanceOf(UnreadableEventException.class)
                .hasMessageStartingWith("unreadable intake.request-received.v1 record")
                .message().doesNotContain("secret");
        assertThat(published).isEmpty();
    }

    @Test
    void shouldThrowNamingTheMissingFieldsWhenTheRecordIsNotARequest() {
        // given
        Message<byte[]> message = MessageBuilder.withPayload("{\"hello\": 1}".getBytes(StandardCharsets.UTF_8)).build();

        // when / then
        assertThatThrownBy(() -> handler.accept(message))
                .isInstanceOf(UnreadableEventException.class)
                .hasMessageContaining("requestId, ticketId, customerId, text, redButton");
    }

    @Test
    void shouldLetAPublishingFailurePropagateSoTheBinderRetries() {
        // given
        RequestReceivedHandler failing = new RequestReceivedHandler(json, new QualifyRequest(
                Rules.triage(Clock.systemUTC()),
                triaged -> {
                    throw new fr.numi.triage.qualification.application.DecisionNotPublishedException("broker away", null);
                },
                new InMemoryContactHistory(),
                new InMemoryDecisionArchive(),
                meters));

        // when / then
        assertThatThrownBy(() -> failing.accept(MessageBuilder.withPayload(Contracts.example(TOPIC)).build()))
                .hasMessage("broker away");
        assertThat(meters.find("numi.triage.decisions").counter()).isNull();
    }
}
