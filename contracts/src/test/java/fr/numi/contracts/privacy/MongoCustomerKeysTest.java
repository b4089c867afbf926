package fr.numi.contracts.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.crypto.tink.Aead;
import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import fr.numi.contracts.cloudevents.EventReader;
import fr.numi.contracts.cloudevents.EventWriter;
import fr.numi.contracts.cloudevents.Incoming;
import fr.numi.contracts.testing.CuttableProxy;
import fr.numi.contracts.testing.TestKeys;
import jakarta.validation.Validation;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The key store on a real Mongo-wire server behind a proxy the test cuts: one key per customer whichever instance makes
 * it, gone once destroyed, and a key made while the store is away used at once, carried by the records it seals, and
 * added to the store when it answers.
 */
class MongoCustomerKeysTest {

    static MongoServer server;
    static CuttableProxy proxy;
    static MongoClient client;
    /** The commands the key store sent, by name. */
    static final List<String> commands = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void server() {
        server = new MongoServer(new MemoryBackend());
        InetSocketAddress address = server.bind();
        proxy = CuttableProxy.to(address);
        client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString("mongodb://127.0.0.1:" + proxy.port()))
                .addCommandListener(new CommandListener() {
                    @Override
                    public void commandStarted(CommandStartedEvent event) {
                        if (event.getDatabaseName().equals("numi-keys")) {
                            commands.add(event.getCommandName());
                        }
                    }
                })
                .applyToClusterSettings(c -> c.serverSelectionTimeout(1, TimeUnit.SECONDS))
                .applyToSocketSettings(s -> s.connectTimeout(1, TimeUnit.SECONDS).readTimeout(2, TimeUnit.SECONDS))
                .build());
    }

    @AfterAll
    static void stop() {
        client.close();
        proxy.cut();
        server.shutdownNow();
    }

    @AfterEach
    void restore() {
        proxy.restore();
    }

    static MongoCustomerKeys instance() {
        return instance(Duration.ofMinutes(1));
    }

    static MongoCustomerKeys instance(Duration cacheFor) {
        return new MongoCustomerKeys(client.getDatabase("numi-keys"), MasterKey.of(TestKeys.MASTER_KEY), cacheFor, Clock.systemUTC());
    }

    static byte[] seal(Aead key, String text) throws Exception {
        return key.encrypt(text.getBytes(StandardCharsets.UTF_8), "ad".getBytes(StandardCharsets.UTF_8));
    }

    static String open(Aead key, byte[] sealed) throws Exception {
        return new String(key.decrypt(sealed, "ad".getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    @Test
    void shouldGiveTwoInstancesOneKeyPerCustomerAndNoneOnceDestroyed() throws Exception {
        try (MongoCustomerKeys one = instance(); MongoCustomerKeys two = instance()) {
            byte[] sealed = seal(one.obtain("cus_a1").block(), "bonjour");

            assertThat(open(two.obtain("cus_a1").block(), sealed)).isEqualTo("bonjour");
            assertThat(one.destroy("cus_a1").block()).isTrue();
            assertThat(instance().find("cus_a1").blockOptional()).isEmpty();
            assertThat(one.destroy("cus_a1").block()).isFalse();
        }
    }

    @Test
    void shouldMakeOrReadACustomersKeyInOneRoundTrip() throws Exception {
        try (MongoCustomerKeys one = instance(); MongoCustomerKeys two = instance()) {
            // when: a producer needs a new customer's key
            commands.clear();
            byte[] sealed = seal(one.obtain("cus_g7").block(), "ma box ne marche plus");

            // then: one command made it
            assertThat(commands).containsExactly("findAndModify");

            // when: another instance needs the same customer's key
            commands.clear();
            Aead same = two.obtain("cus_g7").block();

            // then: one command answered the stored one
            assertThat(commands).containsExactly("findAndModify");
            assertThat(open(same, sealed)).isEqualTo("ma box ne marche plus");
        }
    }

    @Test
    void shouldSealWithAKeyMadeHereWhileTheStoreIsAwayAndStoreItWhenItAnswers() throws Exception {
        try (MongoCustomerKeys writer = instance(); MongoCustomerKeys reader = instance()) {
            // given: the store does not answer
            proxy.cut();

            // when: a producer needs a new customer's key
            byte[] sealed = seal(writer.obtain("cus_b2").block(Duration.ofSeconds(10)), "au secours");

            // then: it got one at once, kept to be stored
            assertThat(writer.pendingKeys()).isEqualTo(1);
            // and once the store answers, another instance opens what it sealed
            proxy.restore();
            await().atMost(Duration.ofSeconds(15)).until(() -> writer.pendingKeys() == 0);
            assertThat(open(reader.find("cus_b2").block(), sealed)).isEqualTo("au secours");
        }
    }

    @Test
    void shouldOpenWithAKeyMadeHereOnceItsCacheEntryIsGoneAndTheStoreStillAway() throws Exception {
        // given: an instance that keeps nothing in memory, and the store away
        try (MongoCustomerKeys forgetful = instance(Duration.ofNanos(1))) {
            proxy.cut();
            byte[] sealed = seal(forgetful.obtain("cus_d4").block(Duration.ofSeconds(10)), "on me demande de payer");

            // when: the same instance opens what it sealed, the store still away
            Aead key = forgetful.find("cus_d4").block(Duration.ofSeconds(10));

            // then: with the key it made and has not stored yet; a second need of a key gives that one again
            assertThat(open(key, sealed)).isEqualTo("on me demande de payer");
            assertThat(open(forgetful.obtain("cus_d4").block(Duration.ofSeconds(10)), sealed)).isEqualTo("on me demande de payer");
            assertThat(forgetful.pendingKeys()).isEqualTo(1);
            // and a customer without any key here is still an unavailable store, not an empty answer
            assertThatThrownBy(() -> forgetful.find("cus_e5").block(Duration.ofSeconds(10))).isNotNull();
        }
    }

    @Test
    void shouldOpenWithAKeyMadeHereBeforeItIsStoredOnceTheStoreAnswers() throws Exception {
        try (MongoCustomerKeys before = instance(); MongoCustomerKeys forgetful = instance(Duration.ofNanos(1))) {
            // given: a customer with a stored key, and a key this instance made while the store was away
            byte[] earlier = seal(before.obtain("cus_f6").block(), "hier");
            proxy.cut();
            byte[] meanwhile = seal(forgetful.obtain("cus_f6").block(Duration.ofSeconds(10)), "pendant la panne");

            // when: the store answers again, before this instance stored its key (its flush is not awaited)
            proxy.restore();
            Aead keys = forgetful.find("cus_f6").block(Duration.ofSeconds(10));

            // then: both open, whether or not the flush came first
            assertThat(open(keys, earlier)).isEqualTo("hier");
            assertThat(open(keys, meanwhile)).isEqualTo("pendant la panne");
        }
    }

    record RedButton(@NotBlank String requestId, @NotBlank String customerId, @NotNull Contact contact, String text) {}

    record Contact(@NotBlank String kind, @NotBlank String value) {}

    @Test
    void shouldOpenARecordSealedDuringAnOutageAfterTheInstanceThatSealedItDied() {
        JsonMapper json = JsonMapper.builder().build();
        PersonalFields personal = PersonalFields.fromContracts();
        String topic = "intake.red-button-pressed.v1";
        String type = "fr.numi.intake.red-button-pressed.v1";
        RedButton pressed = new RedButton("twilio:CA9:red-button", "cus_h8", new Contact("PHONE", "+33611223344"), "on vide mon compte");
        ProducerRecord<String, byte[]> record;
        // given: the store away, an instance seals a red button with a key it made, then dies before the store answers
        proxy.cut();
        try (MongoCustomerKeys dying = instance()) {
            record = new EventWriter("/numi/intake-service", json, personal, dying)
                    .record(topic, "cus_h8", pressed.requestId(), type, "NUMI-H8H8-H8H8", Instant.now(), pressed);
            assertThat(dying.pendingKeys()).isEqualTo(1);
        }
        assertThat(new String(record.value(), StandardCharsets.UTF_8)).doesNotContain("611223344", "compte");
        Header carried = record.headers().lastHeader(UnstoredKey.HEADER);
        assertThat(carried).as("the record carries the key the store does not have").isNotNull();

        try (MongoCustomerKeys other = instance()) {
            EventReader reader = new EventReader(json, Validation.buildDefaultValidatorFactory().getValidator(), personal, other);

            // when: another service reads it, the store still away
            RedButton read = reader.read(SealedEventsTest.message(record), Incoming.of(topic, RedButton.class, type)).body();

            // then: every field opens, with the record's key alone
            assertThat(read).isEqualTo(pressed);
            // and the store, back, never got that key: the record was all that held it
            proxy.restore();
            assertThat(other.find("cus_h8").blockOptional(Duration.ofSeconds(10))).isEmpty();
            // and the carried key opens nothing of another person's
            assertThat(other.carried("cus_i9", UnstoredKey.wrappedOf(carried.value()))).isNull();
        }
    }

    @Test
    void shouldAddAKeyMadeHereToACustomerWhoAlreadyHadOne() throws Exception {
        try (MongoCustomerKeys before = instance(); MongoCustomerKeys away = instance(); MongoCustomerKeys reader = instance()) {
            // given: a customer whose key is in the store, but not in this instance's memory
            byte[] earlier = seal(before.obtain("cus_c3").block(), "hier");
            proxy.cut();

            // when: this instance seals for them while the store is away
            byte[] meanwhile = seal(away.obtain("cus_c3").block(Duration.ofSeconds(10)), "pendant la panne");
            proxy.restore();
            await().atMost(Duration.ofSeconds(15)).until(() -> away.pendingKeys() == 0);

            // then: both open with the customer's keys, and new values are sealed with the first key
            Aead keys = reader.find("cus_c3").block();
            assertThat(open(keys, earlier)).isEqualTo("hier");
            assertThat(open(keys, meanwhile)).isEqualTo("pendant la panne");
            assertThat(open(before.find("cus_c3").block(), seal(keys, "demain"))).isEqualTo("demain");
        }
    }
}
