package fr.numi.intake.delivery.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import fr.numi.intake.delivery.application.DeliveryLog;
import fr.numi.intake.delivery.application.DeliveryStatus;
import fr.numi.intake.delivery.domain.Notification;
import fr.numi.intake.delivery.domain.Outcome;
import fr.numi.intake.delivery.domain.Route;
import fr.numi.intake.delivery.domain.Via;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

/**
 * The deliveries' log on a Mongo-wire server, counting the commands it sends: a message seen for the first time is
 * recorded and taken in one round trip; anything already there is left as it is for the caller to look at.
 */
class MongoDeliveryLogTest {

    static final Duration WAIT = Duration.ofSeconds(5);
    static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

    static MongoServer server;
    static MongoClient client;
    static MongoDeliveryLog log;
    static ReactiveMongoTemplate mongo;
    /** The commands sent to the deliveries' collection, by name. */
    static final List<String> commands = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void server() {
        server = new MongoServer(new MemoryBackend());
        InetSocketAddress address = server.bind();
        client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString("mongodb://127.0.0.1:" + address.getPort()))
                .addCommandListener(new CommandListener() {
                    @Override
                    public void commandStarted(CommandStartedEvent event) {
                        if (event.getDatabaseName().equals("numi-intake")) {
                            commands.add(event.getCommandName());
                        }
                    }
                })
                .build());
        mongo = new ReactiveMongoTemplate(client, "numi-intake");
        log = new MongoDeliveryLog(mongo);
    }

    @AfterAll
    static void stop() {
        client.close();
        server.shutdownNow();
    }

    static Notification reply(String id) {
        return new Notification(id, "NUMI-7K3Q-9XMD", "cus_1", "WEB", "AGENT_REPLY", "Débranchez l'imprimante.", NOW,
                new Notification.Recipient(Route.EMAIL, "EMAIL", "jeanne@example.org"), null);
    }

    @Test
    void shouldRecordAndTakeANewMessageInOneRoundTrip() {
        // when
        commands.clear();
        DeliveryLog.Claim claim = log.claim(reply("n-new"), true, true, "instance-a", NOW, NOW.plusSeconds(120)).block(WAIT);

        // then: one command, and the message is in this owner's hands, as acquire would have left it
        assertThat(commands).containsExactly("findAndModify");
        assertThat(claim.entry().outcome()).isNull();
        assertThat(claim.taken()).isNotNull().satisfies(attempt -> {
            assertThat(attempt.attempt()).isEqualTo(1);
            assertThat(attempt.failures()).isZero();
            assertThat(attempt.outcomeUnknown()).isFalse();
            assertThat(attempt.capTaken()).isFalse();
            assertThat(attempt.notification().notificationId()).isEqualTo("n-new");
        });
        Document stored = mongo.findById("n-new", Document.class, MongoDeliveryLog.COLLECTION).block(WAIT);
        assertThat(stored.getString("state")).isEqualTo("SENDING");
        assertThat(stored.getString("owner")).isEqualTo("instance-a");
        assertThat(stored.getInteger("attempts")).isEqualTo(1);
        assertThat(stored.get("request", Document.class).getString("text")).isEqualTo("Débranchez l'imprimante.");
    }

    @Test
    void shouldLeaveAMessageAlreadyUnderWayToItsOwner() {
        // given: taken by instance a, its lease running
        log.claim(reply("n-twice"), true, true, "instance-a", NOW, NOW.plusSeconds(120)).block(WAIT);

        // when: its record comes again, to instance b
        DeliveryLog.Claim again = log.claim(reply("n-twice"), true, true, "instance-b", NOW.plusSeconds(1), NOW.plusSeconds(121))
                .block(WAIT);

        // then: not taken by this claim, and not takeable while a's lease runs
        assertThat(again.taken()).isNull();
        assertThat(again.entry().outcome()).isNull();
        assertThat(log.acquire(reply("n-twice"), true, true, "instance-b", NOW.plusSeconds(1), NOW.plusSeconds(121)).blockOptional(WAIT))
                .isEmpty();
        assertThat(mongo.findById("n-twice", Document.class, MongoDeliveryLog.COLLECTION).block(WAIT).getString("owner"))
                .isEqualTo("instance-a");
    }

    @Test
    void shouldAnswerASettledMessageAsItIsWithoutTakingIt() {
        // given: sent and settled
        log.claim(reply("n-done"), true, true, "instance-a", NOW, NOW.plusSeconds(120)).block(WAIT);
        log.settle("n-done", new DeliveryStatus("n-done", "NUMI-7K3Q-9XMD", "cus_1", "WEB", "AGENT_REPLY", Outcome.SENT, Via.EMAIL,
                "<mail-1>", null, NOW), null, false, NOW.plusSeconds(120)).block(WAIT);

        // when: its record comes again
        DeliveryLog.Claim again = log.claim(reply("n-done"), true, true, "instance-b", NOW.plusSeconds(5), NOW.plusSeconds(125))
                .block(WAIT);

        // then: the outcome as stored, nothing taken, and the claim's mark gone with the attempt
        assertThat(again.taken()).isNull();
        assertThat(again.entry().outcome()).isEqualTo(Outcome.SENT);
        assertThat(mongo.findById("n-done", Document.class, MongoDeliveryLog.COLLECTION).block(WAIT))
                .doesNotContainKeys("state", "owner", "request", "createdBy");
    }
}
