package fr.numi.triage.qualification.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.numi.contracts.Contracts;
import fr.numi.contracts.cloudevents.EventReader;
import fr.numi.contracts.cloudevents.RejectedEventException;
import fr.numi.contracts.testing.Records;
import fr.numi.triage.qualification.application.DecisionArchive;
import fr.numi.triage.qualification.application.RecordCorrection;
import fr.numi.triage.qualification.domain.CyberTier;
import fr.numi.triage.qualification.domain.Decision;
import fr.numi.triage.qualification.domain.Urgency;
import fr.numi.triage.support.InMemoryDecisionArchive;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.validation.Validation;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.messaging.Message;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The corrections consumer fed with the contract's own example, as ticket-service will publish it. */
class TriageCorrectedHandlerTest {

    static final String TOPIC = "ticket.triage-corrected.v1";
    static final String REQUEST = "web-5b0f6a52-8d4e-4b8e-9d53-2f0f7c1f2a11";

    /** A record as ticket-service writes it, as the binder hands it over. */
    static Message<byte[]> message(byte[] body) {
        return Records.message(body, Records.cloudEvent("corr-1", "/numi/ticket-service", "fr.numi.ticket.triage-corrected.v1",
                "NUMI-7K3Q-9XMD"));
    }

    final JsonMapper json = JsonMapper.builder().build();
    final InMemoryDecisionArchive archive = new InMemoryDecisionArchive();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final TriageCorrectedHandler handler = new TriageCorrectedHandler(
            new EventReader(json, Validation.buildDefaultValidatorFactory().getValidator()), new RecordCorrection(archive, meters));

    @Test
    void shouldLabelTheArchivedDecisionWithTheAgentsCorrectionWhenTheContractExampleArrives() {
        // given triage's decision on the example's request
        archive.archive(new DecisionArchive.ArchivedDecision(REQUEST, "NUMI-7K3Q-9XMD", "cus_3f1e0c9b8a7d6e5f4a3b2c1d0e9f8a7b", "WEB",
                "on me demande de payer pour un colis", new Decision(1, Urgency.LOW, "online-safety-question", CyberTier.NONE, false, 0.7,
                        List.of(), "1.2.0", "m", Instant.parse("2026-11-26T09:15:00Z"))));

        // when
        handler.accept(message(Contracts.example(TOPIC)));

        // then
        assertThat(archive.corrections.get(REQUEST)).satisfies(c -> {
            assertThat(c.after().level()).isEqualTo(3);
            assertThat(c.after().cyberTier()).isEqualTo(CyberTier.EMERGENCY);
            assertThat(c.category()).isEqualTo("scam");
            assertThat(c.agentId()).isEqualTo("alice");
        });
        assertThat(meters.get("numi.triage.corrections").tag("category", "online-safety-question").tag("tier", "true").counter().count())
                .isEqualTo(1.0);
    }

    @Test
    void shouldKeepTriagesCategoryWhenTheAgentLeftItUnchanged() {
        // given
        ObjectNode event = (ObjectNode) json.readTree(Contracts.example(TOPIC));
        ((ObjectNode) event.get("after")).putNull("category");
        archive.archive(new DecisionArchive.ArchivedDecision(REQUEST, "NUMI-7K3Q-9XMD", "cus_x", "WEB", "t",
                new Decision(1, Urgency.LOW, "online-safety-question", CyberTier.NONE, false, 0.7, List.of(), "1", "m", Instant.EPOCH)));

        // when
        handler.accept(message(json.writeValueAsBytes(event)));

        // then
        assertThat(archive.corrections.get(REQUEST).category()).isEqualTo("online-safety-question");
    }

    @Test
    void shouldThrowNamingTheMissingFieldsWithoutQuotingTheContent() {
        assertThatThrownBy(() -> handler.accept(message("{\"correctionId\": \"c1\", \"agentId\": \"secret-agent\"}".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(RejectedEventException.class)
                .hasMessageContaining("ticketId, requestIds, before, after, correctedAt")
                .message().doesNotContain("secret-agent");
        assertThatThrownBy(() -> handler.accept(message("{ not json".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(RejectedEventException.class)
                .hasMessageStartingWith("unreadable ticket.triage-corrected.v1 record");
    }

    @Test
    void shouldRefuseATierOrALevelOutsideTheContract() {
        ObjectNode event = (ObjectNode) json.readTree(Contracts.example(TOPIC));
        ((ObjectNode) event.get("after")).put("cyberTier", "PANIC");

        assertThatThrownBy(() -> handler.accept(message(json.writeValueAsBytes(event))))
                .isInstanceOf(RejectedEventException.class)
                .hasMessageContaining("invalid after");
    }

    @Test
    void shouldReadBackWhatItReadsAndIgnoreFieldsItDoesNotKnow() {
        // given
        ObjectNode event = (ObjectNode) json.readTree(Contracts.example(TOPIC));
        event.put("someFutureField", 1);

        // when
        TriageCorrected read = json.readValue(json.writeValueAsBytes(event), TriageCorrected.class);

        // then
        assertThat(json.readValue(json.writeValueAsBytes(read), TriageCorrected.class)).isEqualTo(read);
        assertThat(read.requestIds()).containsExactly(REQUEST);
        assertThat(read.before().category()).isEqualTo("online-safety-question");
    }
}
