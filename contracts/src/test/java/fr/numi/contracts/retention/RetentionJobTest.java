package fr.numi.contracts.retention;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** The retention job on a real Mongo-wire server: one run per period whichever instances wake up, every purge run. */
class RetentionJobTest {

    static MongoServer server;
    static MongoClient client;
    MongoDatabase database;
    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
    final List<String> ran = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void server() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort());
    }

    @AfterAll
    static void stop() {
        client.close();
        server.shutdownNow();
    }

    @BeforeEach
    void database() {
        database = client.getDatabase("retention-" + System.nanoTime());
    }

    Clock clock() {
        return clock(now::get);
    }

    static Clock clock(java.util.function.Supplier<Instant> instants) {
        return new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return instants.get();
            }
        };
    }

    RetentionPurge purge(String kind, long count) {
        return new RetentionPurge() {
            @Override
            public String kind() {
                return kind;
            }

            @Override
            public Mono<Long> purge(Instant at) {
                ran.add(kind + "@" + at);
                return Mono.just(count);
            }
        };
    }

    RetentionJob instance(RetentionPurge... purges) {
        return new RetentionJob(database, List.of(purges), Duration.ofHours(1), Duration.ZERO, clock(), null);
    }

    @Test
    void shouldRunThePurgesOncePerPeriodWhenTwoInstancesWakeUp() {
        // given: two instances of a service
        RetentionJob first = instance(purge("tickets", 2));
        RetentionJob second = instance(purge("tickets", 2));

        // when: both wake up in the same period
        var one = first.runOnce();
        var other = second.runOnce();

        // then: one of them purged, the other found the period claimed
        assertThat(one).contains(Map.of("tickets", 2L));
        assertThat(other).isEmpty();
        assertThat(ran).containsExactly("tickets@2026-01-01T00:00:00Z");

        // when: the period is over and the other wakes up first
        now.set(now.get().plus(Duration.ofMinutes(61)));

        // then: it runs, once
        assertThat(second.runOnce()).contains(Map.of("tickets", 2L));
        assertThat(first.runOnce()).isEmpty();
        assertThat(ran).hasSize(2);
    }

    @Test
    void shouldRunTheOtherPurgesWhenOneFails() {
        // given: a purge whose database call fails
        RetentionPurge broken = new RetentionPurge() {
            @Override
            public String kind() {
                return "deliveries";
            }

            @Override
            public Mono<Long> purge(Instant at) {
                return Mono.error(new IllegalStateException("refused"));
            }
        };

        // when
        var purged = instance(broken, purge("calls", 3)).runOnce();

        // then: the next one still ran
        assertThat(purged).contains(Map.of("calls", 3L));
        assertThat(ran).containsExactly("calls@2026-01-01T00:00:00Z");
    }

    @Test
    void shouldRunEveryPeriodFromItsScheduleOnceStarted() {
        // given: a job waking up every 100 ms, the clock moving on an hour between wake-ups
        RetentionJob job = new RetentionJob(database, List.of(purge("calls", 0)), Duration.ofMillis(100), Duration.ZERO,
                clock(() -> now.updateAndGet(t -> t.plus(Duration.ofHours(1)))), null);

        // when
        job.start();
        try {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> ran.size() >= 2);
        } finally {
            job.stop();
        }

        // then
        assertThat(job.isRunning()).isFalse();
    }
}
