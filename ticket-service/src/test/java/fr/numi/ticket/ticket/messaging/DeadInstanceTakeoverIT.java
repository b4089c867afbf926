package fr.numi.ticket.ticket.messaging;

import static fr.numi.ticket.support.TicketDriver.RECEIVED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.numi.ticket.support.MutableClock;
import fr.numi.ticket.support.TicketDriver;
import fr.numi.ticket.support.TicketDriver.Request;
import fr.numi.ticket.support.TicketIntegrationTest;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;
import org.springframework.core.env.Environment;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

/**
 * An instance killed (SIGKILL, a crashed node) never leaves its consumer group: the broker keeps its partitions, and
 * holds back every rebalance of the group, until its session runs out. An instance started in its place waits that
 * long before it reads anything, and ticket-service's eight inputs share one group, so all of them wait. The session
 * is numi's (numi-defaults.yml, {@code NUMI_KAFKA_SESSION_TIMEOUT_MS}), not Kafka's 45 s: flow is back within seconds of
 * the new instance's start. Here the dead instance is a consumer built with the binder's own consumer settings that
 * takes {@code intake.request-received.v1} from the application, then stops without leaving the group, as a killed
 * process does; the application's input joins again, as a new instance's does.
 */
@TicketIntegrationTest
class DeadInstanceTakeoverIT {

    /** The figure for the flow after a restart, less the time a loaded machine takes to start a service. */
    static final Duration FLOW_BACK = Duration.ofSeconds(25);

    @LocalServerPort
    int port;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @Autowired
    ReactiveMongoTemplate mongo;

    @Autowired
    MutableClock clock;

    @Autowired
    BindingsLifecycleController bindings;

    @Autowired
    Environment environment;

    @Test
    void shouldTakeTheInputOverWithinSecondsWhenTheInstanceHoldingItDiedWithoutLeavingTheGroup() {
        TicketDriver driver = new TicketDriver(brokers, clock, mongo, port);
        bindings.stop("requestReceived-in-0");
        try {
            // given: another instance of ticket-service, with the binder's consumer settings, reading the requests...
            Map<String, Object> settings = new HashMap<>(Binder.get(environment)
                    .bind("spring.cloud.stream.kafka.binder.consumer-properties", Bindable.mapOf(String.class, String.class)).orElse(Map.of()));
            settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
            settings.put(ConsumerConfig.GROUP_ID_CONFIG, "ticket-service");
            settings.put(ConsumerConfig.CLIENT_ID_CONFIG, "ticket-service-killed");
            settings.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
            settings.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
            KafkaConsumer<byte[], byte[]> killed = new KafkaConsumer<>(settings);
            killed.subscribe(List.of(RECEIVED));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                killed.poll(Duration.ofMillis(200));
                return !killed.assignment().isEmpty();
            });
            // ...killed: no more heartbeats, and no word to the broker that it left
            killed.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP));
        } finally {
            // when: this instance's input joins the group again, as a new instance's does after the kill
            bindings.start("requestReceived-in-0");
        }
        long restarted = System.nanoTime();

        // then: a request written now opens its ticket within seconds, not after Kafka's default 45 s session
        Request request = TicketDriver.newRequest();
        driver.sendReceived(request, false);
        await().atMost(FLOW_BACK).pollInterval(Duration.ofMillis(250))
                .until(() -> driver.storedTicketOrNull(request.ticketId()) != null);
        System.err.printf("DeadInstanceTakeoverIT: ticket opened %.1f s after the input joined again%n",
                (System.nanoTime() - restarted) / 1e9);
        assertThat(driver.storedTicket(request.ticketId()).getString("_id")).isEqualTo(request.ticketId());
    }
}
