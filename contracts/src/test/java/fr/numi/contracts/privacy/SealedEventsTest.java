package fr.numi.contracts.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import fr.numi.contracts.Contracts;
import fr.numi.contracts.cloudevents.EventReader;
import fr.numi.contracts.cloudevents.EventWriter;
import fr.numi.contracts.cloudevents.Incoming;
import fr.numi.contracts.cloudevents.RejectedEventException;
import fr.numi.contracts.privacy.PersonalFields.FieldPath;
import fr.numi.contracts.settings.MissingSettingException;
import jakarta.validation.Validation;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Personal fields leave a service sealed with the customer's key and come back opened; once the key is gone they come
 * back absent, and the event is still read.
 */
class SealedEventsTest {

    static final String TOPIC = "intake.request-received.v1";
    static final String TYPE = "fr.numi.intake.request-received.v1";
    static final String CUSTOMER = "cus_3f1e0c9b8a7d6e5f4a3b2c1d0e9f8a7b";

    record Contact(@NotBlank String kind, @NotBlank String value) {}

    record Attachment(String type, String filename, String attachmentId) {}

    /** A consumer's own record of the request, strict about the person's words. */
    record Request(@NotBlank String requestId, @NotBlank String customerId, @NotNull Contact contact, String name,
            @NotBlank String text, List<Attachment> attachments) {}

    /** A consumer that reads no personal field. */
    record Bare(@NotBlank String requestId, @NotBlank String customerId) {}

    /** Keys in memory: the store's contract (one key per customer, gone once destroyed) without its database. */
    static final class Keys implements CustomerKeys {
        final Map<String, Aead> keys = new ConcurrentHashMap<>();
        int finds;

        @Override
        public Mono<Aead> obtain(String customerId) {
            return Mono.fromCallable(() -> keys.computeIfAbsent(customerId, id -> fresh()));
        }

        @Override
        public Mono<Aead> find(String customerId) {
            finds++;
            return Mono.justOrEmpty(keys.get(customerId));
        }

        @Override
        public Mono<Boolean> destroy(String customerId) {
            return Mono.fromCallable(() -> keys.remove(customerId) != null);
        }

        static Aead fresh() {
            try {
                AeadConfig.register();
                return KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM).getPrimitive(RegistryConfiguration.get(), Aead.class);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    final JsonMapper json = JsonMapper.builder().build();
    final PersonalFields personal = PersonalFields.fromContracts();
    final Keys keys = new Keys();
    final EventWriter writer = new EventWriter("/numi/intake-service", json, personal, keys);
    final EventReader reader = new EventReader(json, Validation.buildDefaultValidatorFactory().getValidator(), personal, keys);

    Request request() {
        return new Request("web-1", CUSTOMER, new Contact("PHONE", "+33612345678"), "Jeanne Martin",
                "On m'a volé mon code Zorglubette", List.of(new Attachment("image", "releve-banque.pdf", null)));
    }

    ProducerRecord<String, byte[]> written(Object body) {
        return writer.record(TOPIC, CUSTOMER, "web-1", TYPE, "NUMI-7K3Q-9XMD", Instant.parse("2026-11-26T09:15:00Z"), body);
    }

    static Message<byte[]> message(ProducerRecord<String, byte[]> record) {
        MessageBuilder<byte[]> message = MessageBuilder.withPayload(record.value());
        for (Header header : record.headers()) {
            message.setHeader(header.key(), header.value());
        }
        return message.build();
    }

    @Test
    void shouldTakeThePersonalFieldsFromTheSchemas() {
        assertThat(personal.of(TOPIC)).extracting(FieldPath::toString).containsExactlyInAnyOrder("contact.value", "name", "subject",
                "text", "attachments.*.mediaId", "attachments.*.filename", "attachments.*.url");
        assertThat(personal.of("intake.red-button-pressed.v1")).isEqualTo(personal.of(TOPIC));
        assertThat(personal.of("ticket.notification-requested.v1")).extracting(FieldPath::toString)
                .containsExactlyInAnyOrder("text", "recipient.contact.value");
        assertThat(personal.of("ticket.queue-level-1.v1")).isEmpty();
    }

    @Test
    void shouldWriteNoneOfThePersonsDataInClearAndStillMatchTheSchema() {
        Object example = json.readValue(Contracts.example(TOPIC), Map.class);
        ProducerRecord<String, byte[]> record = written(example);
        String value = new String(record.value(), StandardCharsets.UTF_8);

        assertThat(value).doesNotContain("jeanne.martin@example.org", "Jeanne Martin", "imprimante", "Imprimante")
                .contains("\"requestId\":\"web-5b0f6a52-8d4e-4b8e-9d53-2f0f7c1f2a11\"", "\"kind\":\"EMAIL\"", Sealing.PREFIX);
        assertThat(Contracts.bodyViolations(TOPIC, record.value())).isEmpty();
    }

    @Test
    void shouldSealWhatAConsumerRecordHolds() {
        String value = new String(written(request()).value(), StandardCharsets.UTF_8);

        assertThat(value).doesNotContain("612345678", "Jeanne", "Zorglubette", "releve-banque");
    }

    @Test
    void shouldReadBackWhatItSealed() {
        Request read = reader.read(message(written(request())), Incoming.of(TOPIC, Request.class, TYPE)).body();

        assertThat(read).isEqualTo(request());
    }

    @Test
    void shouldProcessTheEventWithoutThePersonsFieldsOnceTheirKeyIsGone() {
        ProducerRecord<String, byte[]> record = written(request());
        keys.destroy(CUSTOMER).block();

        Request read = reader.read(message(record), Incoming.of(TOPIC, Request.class, TYPE)).body();

        assertThat(read.requestId()).isEqualTo("web-1");
        assertThat(read.contact().kind()).isEqualTo("PHONE");
        assertThat(read.contact().value()).isNull();
        assertThat(read.name()).isNull();
        assertThat(read.text()).isNull();
        assertThat(read.attachments()).singleElement().satisfies(a -> {
            assertThat(a.type()).isEqualTo("image");
            assertThat(a.filename()).isNull();
        });
    }

    @Test
    void shouldNotOpenWithTheKeyOfAPersonWritingAgainAfterTheirErasure() {
        ProducerRecord<String, byte[]> before = written(request());
        keys.destroy(CUSTOMER).block();
        keys.obtain(CUSTOMER).block();

        Request read = reader.read(message(before), Incoming.of(TOPIC, Request.class, TYPE)).body();

        assertThat(read.text()).isNull();
        assertThat(read.contact().value()).isNull();
    }

    @Test
    void shouldNotOpenASealedValueMovedToAnotherFieldOrPerson() throws Exception {
        var tree = (tools.jackson.databind.node.ObjectNode) json.readTree(written(request()).value());
        JsonNode sealedText = tree.get("text");
        tree.set("name", sealedText);
        Sealing.Opened opened = Sealing.open(tree, personal.of(TOPIC), CUSTOMER, keys.find(CUSTOMER).block());

        assertThat(opened.shredded()).containsExactly("name");
        assertThat(tree.get("text").asString()).isEqualTo("On m'a volé mon code Zorglubette");

        var other = (tools.jackson.databind.node.ObjectNode) json.readTree(written(request()).value());
        keys.obtain("cus_00000000000000000000000000000000").block();
        Sealing.Opened elsewhere = Sealing.open(other, personal.of(TOPIC), "cus_00000000000000000000000000000000",
                keys.find("cus_00000000000000000000000000000000").block());
        assertThat(elsewhere.shredded()).contains("text", "contact.value");
    }

    @Test
    void shouldReadARecordWrittenBeforeSealingAsItIs() {
        EventWriter plain = new EventWriter("/numi/intake-service", json);
        ProducerRecord<String, byte[]> record = plain.record(TOPIC, CUSTOMER, "web-1", TYPE, null, Instant.now(), request());

        assertThat(reader.read(message(record), Incoming.of(TOPIC, Request.class, TYPE)).body()).isEqualTo(request());
    }

    @Test
    void shouldAskForNoKeyWhenTheConsumerReadsNoPersonalField() {
        ProducerRecord<String, byte[]> record = written(request());
        int before = keys.finds;

        assertThat(reader.read(message(record), Incoming.of(TOPIC, Bare.class, TYPE)).body().requestId()).isEqualTo("web-1");
        assertThat(keys.finds).isEqualTo(before);
    }

    @Test
    void shouldStillRefuseAMissingFieldThatWasNotErased() {
        Request withoutText = new Request("web-1", CUSTOMER, new Contact("PHONE", "+33612345678"), null, null, null);

        assertThatThrownBy(() -> reader.read(message(written(withoutText)), Incoming.of(TOPIC, Request.class, TYPE)))
                .isInstanceOf(RejectedEventException.class)
                .hasMessage(TOPIC + " record without text");
    }

    @Test
    void shouldRefuseToSealWithoutACustomer() {
        Request anonymous = new Request("web-1", null, new Contact("PHONE", "+33612345678"), null, "texte", null);

        assertThatThrownBy(() -> written(anonymous)).hasRootCauseMessage(TOPIC + " web-1 carries personal fields and no customerId to seal them with");
    }

    @Test
    void shouldStopStartUpWithoutAUsableMasterKey() {
        assertThatThrownBy(() -> MasterKey.of("")).isInstanceOf(MissingSettingException.class)
                .hasMessageContaining("NUMI_PRIVACY_MASTER_KEY");
        assertThatThrownBy(() -> MasterKey.of("abcd")).hasMessageContaining("2 bytes; 32 expected");
        assertThatThrownBy(() -> MasterKey.of("zz".repeat(32))).hasMessageContaining("not hexadecimal");
        assertThat(MasterKey.of("00".repeat(32))).isNotNull();
    }
}
