package fr.numi.contracts.cloudevents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.numi.contracts.Contracts;
import jakarta.validation.Valid;
import jakarta.validation.Validation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import tools.jackson.databind.json.JsonMapper;

/** The SDK's envelope both ways, and every reason a record is refused for, named without its content. */
class EventReaderTest {

    static final String TOPIC = "intake.request-received.v1";
    static final String TYPE = "fr.numi.intake.request-received.v1";

    enum Channel { WEB, PHONE }

    record Label(@NotNull @Max(3) Integer level, @NotBlank String category) {}

    record Sample(@NotBlank String requestId, @NotBlank String ticketId, @NotNull Channel channel, @NotNull @Valid Label label,
            @NotEmpty List<@NotBlank String> ids, String text) {}

    final JsonMapper json = JsonMapper.builder().build();
    final EventWriter writer = new EventWriter("/numi/intake-service", json);
    final EventReader reader = new EventReader(json, Validation.buildDefaultValidatorFactory().getValidator());
    final Incoming<Sample> incoming = Incoming.of(TOPIC, Sample.class, TYPE);

    Sample sample() {
        return new Sample("web-1", "NUMI-7K3Q-9XMD", Channel.WEB, new Label(2, "printing"), List.of("a"), "mon imprimante");
    }

    ProducerRecord<String, byte[]> written(Object body) {
        return writer.record(TOPIC, "cus_1", "web-1", TYPE, "NUMI-7K3Q-9XMD", Instant.parse("2026-11-26T09:15:00.120Z"), body);
    }

    /** As the binder hands a record to a consumer function: the value as payload, raw headers as bytes. */
    static Message<byte[]> message(ProducerRecord<String, byte[]> record) {
        MessageBuilder<byte[]> message = MessageBuilder.withPayload(record.value());
        for (Header header : record.headers()) {
            message.setHeader(header.key(), header.value());
        }
        message.setHeader("kafka_receivedTopic", record.topic());
        return message.build();
    }

    static Map<String, byte[]> raw(ProducerRecord<String, byte[]> record) {
        Map<String, byte[]> headers = new LinkedHashMap<>();
        record.headers().forEach(h -> headers.put(h.key(), h.value()));
        return headers;
    }

    @Nested
    class Writing {

        @Test
        void shouldWriteBinaryModeHeadersThatMatchTheContract() {
            ProducerRecord<String, byte[]> record = written(sample());

            assertThat(Contracts.headerViolations(TOPIC, raw(record))).isEmpty();
            assertThat(record.key()).isEqualTo("cus_1");
            assertThat(record.topic()).isEqualTo(TOPIC);
            assertThat(new String(raw(record).get("ce_source"), StandardCharsets.UTF_8)).isEqualTo("/numi/intake-service");
            assertThat(new String(raw(record).get("content-type"), StandardCharsets.UTF_8)).isEqualTo("application/json");
            assertThat(json.readTree(record.value()).get("requestId").asString()).isEqualTo("web-1");
        }

        @Test
        void shouldLeaveTheSubjectOutWhenThereIsNone() {
            ProducerRecord<String, byte[]> record = writer.record(TOPIC, "k", "id-1", TYPE, null, Instant.now(), sample());

            assertThat(raw(record)).doesNotContainKey("ce_subject");
            assertThat(Contracts.headerViolations(TOPIC, raw(record))).isEmpty();
        }
    }

    @Nested
    class Reading {

        @Test
        void shouldReadBackWhatItWritesWithTheKeyMadeOfSourceAndId() {
            ReceivedEvent<Sample> event = reader.read(message(written(sample())), incoming);

            assertThat(event.body()).isEqualTo(sample());
            assertThat(event.key()).isEqualTo(new EventKey("/numi/intake-service", "web-1"));
            assertThat(event.key().value()).isEqualTo("/numi/intake-service web-1");
            assertThat(event.type()).isEqualTo(TYPE);
            assertThat(event.subject()).isEqualTo("NUMI-7K3Q-9XMD");
            assertThat(event.time().toInstant()).isEqualTo(Instant.parse("2026-11-26T09:15:00.120Z"));
        }

        @Test
        void shouldReadHeadersHandedOverAsText() {
            ProducerRecord<String, byte[]> record = written(sample());
            MessageBuilder<byte[]> message = MessageBuilder.withPayload(record.value());
            record.headers().forEach(h -> message.setHeader(h.key(), new String(h.value(), StandardCharsets.UTF_8)));

            assertThat(reader.read(message.build(), incoming).body()).isEqualTo(sample());
        }

        @Test
        void shouldIgnoreFieldsItDoesNotKnow() {
            Map<String, Object> body = new LinkedHashMap<>(json.convertValue(sample(), Map.class));
            body.put("someFutureField", 1);

            assertThat(reader.read(message(written(body)), incoming).body()).isEqualTo(sample());
        }
    }

    @Nested
    class Refusing {

        @ParameterizedTest
        @ValueSource(strings = {"ce_specversion", "ce_id", "ce_source", "ce_type", "ce_time"})
        void shouldNameTheMissingAttribute(String attribute) {
            ProducerRecord<String, byte[]> record = written(sample());
            record.headers().remove(attribute);

            assertThatThrownBy(() -> reader.read(message(record), incoming))
                    .isInstanceOf(RejectedEventException.class)
                    .hasMessage(TOPIC + " record without " + attribute);
        }

        @Test
        void shouldNameEveryMissingAttributeAndTakeABlankOneAsMissing() {
            ProducerRecord<String, byte[]> record = written(sample());
            record.headers().remove("ce_id").remove("ce_source").add("ce_id", " ".getBytes(StandardCharsets.UTF_8));

            assertThatThrownBy(() -> reader.read(message(record), incoming)).hasMessage(TOPIC + " record without ce_id, ce_source");
        }

        @Test
        void shouldNameAnInvalidAttributeWithoutQuotingIt() {
            ProducerRecord<String, byte[]> record = written(sample());
            record.headers().remove("ce_time").add("ce_time", "yesterday-secret".getBytes(StandardCharsets.UTF_8));

            assertThatThrownBy(() -> reader.read(message(record), incoming))
                    .hasMessage(TOPIC + " record with an invalid ce_time")
                    .message().doesNotContain("secret");
        }

        @Test
        void shouldRefuseASpecVersionItDoesNotKnow() {
            ProducerRecord<String, byte[]> record = written(sample());
            record.headers().remove("ce_specversion").add("ce_specversion", "0.3-x".getBytes(StandardCharsets.UTF_8));

            assertThatThrownBy(() -> reader.read(message(record), incoming)).hasMessage(TOPIC + " record with an invalid ce_specversion");
        }

        @Test
        void shouldRefuseATypeThisInputDoesNotAccept() {
            ProducerRecord<String, byte[]> record =
                    writer.record(TOPIC, "k", "id", "fr.numi.triage.request-triaged.v1", null, Instant.now(), sample());

            assertThatThrownBy(() -> reader.read(message(record), incoming))
                    .hasMessage(TOPIC + " record with an unexpected ce_type (accepted: " + TYPE + ")");
        }

        @Test
        void shouldAcceptEveryTypeOfAFamilyAndNoOther() {
            Incoming<Sample> family = Incoming.matching(TOPIC, Sample.class, "fr\\.numi\\.intake\\.[a-z-]+\\.v1");
            ProducerRecord<String, byte[]> newType =
                    writer.record(TOPIC, "k", "id", "fr.numi.intake.something-new.v1", null, Instant.now(), sample());
            ProducerRecord<String, byte[]> otherFamily =
                    writer.record(TOPIC, "k", "id", "fr.numi.triage.request-triaged.v1", null, Instant.now(), sample());

            assertThat(reader.read(message(newType), family).type()).isEqualTo("fr.numi.intake.something-new.v1");
            assertThatThrownBy(() -> reader.read(message(otherFamily), family)).hasMessageContaining("unexpected ce_type");
        }

        @Test
        void shouldSayWhereTheBodyIsNotJsonWithoutQuotingIt() {
            ProducerRecord<String, byte[]> record = written(sample());
            ProducerRecord<String, byte[]> broken = new ProducerRecord<>(TOPIC, null, "k",
                    "{\"text\": \"secret words".getBytes(StandardCharsets.UTF_8), record.headers());

            assertThatThrownBy(() -> reader.read(message(broken), incoming))
                    .hasMessageStartingWith("unreadable " + TOPIC + " record: ")
                    .hasMessageContaining("line 1")
                    .message().doesNotContain("secret");
        }

        @Test
        void shouldSayTheRecordIsEmptyWhenItHasNoBody() {
            ProducerRecord<String, byte[]> record = written(sample());
            ProducerRecord<String, byte[]> empty = new ProducerRecord<>(TOPIC, null, "k", new byte[0], record.headers());

            assertThatThrownBy(() -> reader.read(message(empty), incoming)).hasMessage("empty " + TOPIC + " record");
        }

        @Test
        void shouldNameEveryMissingFieldInTheRecordsOrder() {
            ProducerRecord<String, byte[]> record = written(Map.of("text", "secret", "ids", List.of("a")));

            assertThatThrownBy(() -> reader.read(message(record), incoming))
                    .hasMessage(TOPIC + " record without requestId, ticketId, channel, label")
                    .message().doesNotContain("secret");
        }

        @Test
        void shouldNameNestedAndListFieldsAndTellMissingFromInvalid() {
            Map<String, Object> body = new LinkedHashMap<>(json.convertValue(sample(), Map.class));
            body.put("label", Map.of("level", 7));
            body.put("ids", List.of("a", " "));

            assertThatThrownBy(() -> reader.read(message(written(body)), incoming))
                    .hasMessage(TOPIC + " record without label.category, ids[1]; with an invalid label.level");
        }

        @Test
        void shouldNameAFieldWhoseValueItCannotBindWithoutQuotingTheValue() {
            Map<String, Object> body = new LinkedHashMap<>(json.convertValue(sample(), Map.class));
            body.put("channel", "PIGEON-secret");

            assertThatThrownBy(() -> reader.read(message(written(body)), incoming))
                    .hasMessage(TOPIC + " record with an invalid channel")
                    .message().doesNotContain("secret");
        }
    }
}
