package fr.numi.triage.qualification.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import fr.numi.contracts.Contracts;
import fr.numi.contracts.cloudevents.EventWriter;
import fr.numi.triage.qualification.application.TriagedRequest;
import fr.numi.triage.qualification.domain.Decision;
import fr.numi.triage.qualification.domain.Situation;
import fr.numi.triage.qualification.domain.Triage;
import fr.numi.triage.support.Rules;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class RequestTriagedJsonTest {

    static final String TOPIC = "triage.request-triaged.v1";

    final JsonMapper json = JsonMapper.builder().build();
    final Triage triage = Rules.triage(Clock.fixed(Instant.parse("2026-11-26T09:15:00.120Z"), ZoneOffset.UTC));

    TriagedRequest triaged(String text, boolean redButton) {
        Decision decision = triage.decide(new Situation(null, text, redButton));
        return new TriagedRequest("web-1", "NUMI-7K3Q-9XMD", "cus_3f1e0c9b8a7d6e5f4a3b2c1d0e9f8a7b", decision);
    }

    @Test
    void shouldWriteABodyThatMatchesTheContractSchema() {
        // given
        RequestTriaged event = RequestTriaged.of(triaged("Un faux conseiller m'a demandé un virement, c'est urgent", false));

        // when
        byte[] body = json.writeValueAsBytes(event);

        // then
        assertThat(Contracts.bodyViolations(TOPIC, body)).isEmpty();
        assertThat(json.readTree(body).get("decidedAt").asString()).isEqualTo("2026-11-26T09:15:00.120Z");
        assertThat(json.readTree(body).get("cyberTier").asString()).isIn("SUSPECTED", "EMERGENCY");
        assertThat(json.readTree(body).get("modelVersion").asString()).isEqualTo(Rules.model().version());
    }

    @Test
    void shouldWriteASuspectedCaseAsLevel3WithoutTheCyberAlarm() {
        // given a decision of the suspected tier
        Decision suspected = new Decision(3, fr.numi.triage.qualification.domain.Urgency.HIGH, "scam",
                fr.numi.triage.qualification.domain.CyberTier.SUSPECTED, false, 0.4, java.util.List.of(), "1", "m",
                Instant.parse("2026-11-26T09:15:00Z"));

        // when
        byte[] body = json.writeValueAsBytes(RequestTriaged.of(new TriagedRequest("web-1", "NUMI-7K3Q-9XMD",
                "cus_3f1e0c9b8a7d6e5f4a3b2c1d0e9f8a7b", suspected)));

        // then
        assertThat(Contracts.bodyViolations(TOPIC, body)).isEmpty();
        assertThat(json.readTree(body).get("level").asInt()).isEqualTo(3);
        assertThat(json.readTree(body).get("cyber").asBoolean()).isFalse();
        assertThat(json.readTree(body).get("cyberTier").asString()).isEqualTo("SUSPECTED");
        assertThat(json.readTree(body).get("needsReview").asBoolean()).isFalse();
    }

    @Test
    void shouldWriteAContractValidBodyEvenWhenNothingWasRecognised() {
        assertThat(Contracts.bodyViolations(TOPIC, json.writeValueAsBytes(RequestTriaged.of(triaged("", false))))).isEmpty();
    }

    @Test
    void shouldReadBackWhatItWrites() {
        // given
        RequestTriaged event = RequestTriaged.of(triaged("imprimante", true));

        // when
        RequestTriaged read = json.readValue(json.writeValueAsBytes(event), RequestTriaged.class);

        // then
        assertThat(read).isEqualTo(event);
    }

    @Test
    void shouldReadTheContractExampleOfItsOwnEvent() {
        // when
        RequestTriaged example = json.readValue(Contracts.example(TOPIC), RequestTriaged.class);

        // then
        assertThat(example.category()).isEqualTo("printing");
        assertThat(example.cyberTier()).isEqualTo("NONE");
        assertThat(example.reasons()).hasSize(2);
    }

    @Test
    void shouldCarryCloudEventsHeadersThatMatchTheContractWithAnIdStableAcrossRedeliveries() {
        // given
        RequestTriaged event = RequestTriaged.of(triaged("imprimante", false));

        // when
        ProducerRecord<String, byte[]> record = new EventWriter("/numi/triage-service", json).record(
                TOPIC, event.customerId(), event.eventId(), RequestTriaged.TYPE, event.ticketId(), event.decidedAt(), event);

        // then
        Map<String, byte[]> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value());
        }
        assertThat(Contracts.headerViolations(TOPIC, headers)).isEmpty();
        assertThat(new String(headers.get("ce_id"))).isEqualTo("triage-web-1");
        assertThat(new String(headers.get("ce_source"))).isEqualTo("/numi/triage-service");
        assertThat(record.key()).isEqualTo("cus_3f1e0c9b8a7d6e5f4a3b2c1d0e9f8a7b");
    }
}
