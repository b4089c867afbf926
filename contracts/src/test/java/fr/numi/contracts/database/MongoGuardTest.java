package fr.numi.contracts.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.mongodb.MongoClientSettings;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import fr.numi.contracts.problems.Unavailable;
import fr.numi.contracts.testing.CuttableProxy;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.mongodb.autoconfigure.MongoReactiveAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.SessionSynchronization;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.context.ApplicationContext;
import org.springframework.dao.DataAccessResourceFailureException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The service's MongoDB client, as Boot creates it with contracts' auto-configuration, against a real Mongo-wire server
 * behind a proxy the test cuts (connections reset, new ones reset): the driver gives up within its short server
 * selection, then the breaker opens and operations fail at once, and once the server is back they succeed again.
 */
class MongoGuardTest {

    static MongoServer server;
    static CuttableProxy proxy;

    @BeforeAll
    static void server() {
        server = new MongoServer(new MemoryBackend());
        InetSocketAddress address = server.bind();
        proxy = CuttableProxy.to(address);
    }

    @AfterAll
    static void stop() {
        proxy.cut();
        server.shutdownNow();
    }

    ApplicationContextRunner contexts(String uri) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(MongoReactiveAutoConfiguration.class, MongoGuard.class))
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withPropertyValues(
                        "spring.mongodb.uri=" + uri,
                        "numi.mongo.server-selection-timeout=300ms",
                        "numi.mongo.circuit-breaker.sliding-window-size=4",
                        "numi.mongo.circuit-breaker.minimum-number-of-calls=4",
                        "numi.mongo.circuit-breaker.wait-duration-in-open-state=500ms",
                        "numi.mongo.circuit-breaker.permitted-calls-in-half-open-state=1",
                        // as numi-defaults.yml names them
                        "numi.consumer.dependency-exceptions[0]=com.mongodb.MongoTimeoutException",
                        "numi.consumer.dependency-exceptions[1]=com.mongodb.MongoSocketException",
                        "numi.consumer.dependency-exceptions[2]=io.github.resilience4j.circuitbreaker.CallNotPermittedException",
                        "numi.consumer.dependency-exceptions[3]=org.springframework.dao.DataAccessResourceFailureException");
    }

    static MongoCollection<Document> things(ApplicationContext context) {
        return context.getBean(MongoClient.class).getDatabase("guard-test").getCollection("things");
    }

    static Document firstThing(ApplicationContext context) {
        return Mono.from(things(context).find(new Document("_id", "a")).first()).block(Duration.ofSeconds(5));
    }

    @Nested
    class WhenMongoDbGoesAway {

        @Test
        void shouldFailWithinTheServerSelectionTimeoutThenAtOnceWhileOpenThenWorkAgainOnceBack() {
            contexts("mongodb://127.0.0.1:" + proxy.port()).run(context -> {
                // given: the database answers
                Mono.from(things(context).insertOne(new Document("_id", "a").append("n", 1))).block(Duration.ofSeconds(5));
                CircuitBreaker breaker = context.getBean(CircuitBreaker.class);
                assertThat(breaker.getName()).isEqualTo("mongo");
                assertThat(firstThing(context).getInteger("n")).isEqualTo(1);

                try {
                    // when: it goes away
                    proxy.cut();

                    // then: each operation gives up (its pooled connection reset, or no server within the short server
                    // selection, not the driver's 30 s)
                    for (int i = 0; i < 2; i++) {
                        long start = System.nanoTime();
                        assertThatThrownBy(() -> firstThing(context)).isInstanceOfAny(MongoTimeoutException.class, MongoSocketException.class);
                        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
                    }
                    // and once half of the last four failed, the breaker is open: refused at once, whatever the operation
                    assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
                    long start = System.nanoTime();
                    assertThatThrownBy(() -> firstThing(context)).isInstanceOf(CallNotPermittedException.class);
                    assertThatThrownBy(() -> Flux.from(context.getBean(MongoClient.class).getDatabase("guard-test").listCollectionNames())
                            .collectList().block(Duration.ofSeconds(5))).isInstanceOf(CallNotPermittedException.class);
                    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(200));
                    assertThat(context.getBean(MeterRegistry.class).find("resilience4j.circuitbreaker.state")
                            .tag("name", "mongo").tag("state", "open").gauge().value()).isEqualTo(1.0);
                    // and an HTTP request meeting either failure is told to come back when the breaker tries again
                    Unavailable unavailable = context.getBean(Unavailable.class);
                    assertThat(unavailable.culprit(CallNotPermittedException.createCallNotPermittedException(breaker))).isPresent();
                    assertThat(unavailable.culprit(new DataAccessResourceFailureException("x", new MongoTimeoutException("y"))))
                            .get().isInstanceOf(MongoTimeoutException.class);
                    assertThat(unavailable.culprit(new IllegalStateException("a bug"))).isEmpty();
                    assertThat(unavailable.retryAfterSeconds()).isEqualTo(1);
                } finally {
                    // when: it is back
                    proxy.restore();
                }

                // then: after the open time, an operation tries, succeeds, and the breaker closes
                await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                        .untilAsserted(() -> assertThat(firstThing(context).getInteger("n")).isEqualTo(1));
                await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED));
            });
        }

        @Test
        void shouldNotCountAnAnswerOfTheDatabaseAsItsUnavailability() {
            contexts("mongodb://127.0.0.1:" + proxy.port()).run(context -> {
                // given: a document
                Mono.from(things(context).insertOne(new Document("_id", "dup"))).block(Duration.ofSeconds(5));

                // when: the database refuses operations (duplicate keys), many times
                for (int i = 0; i < 4; i++) {
                    assertThatThrownBy(() -> Mono.from(things(context).insertOne(new Document("_id", "dup"))).block(Duration.ofSeconds(5)))
                            .hasMessageContaining("duplicate key");
                }

                // then: the breaker stays closed
                assertThat(context.getBean(CircuitBreaker.class).getState()).isEqualTo(CircuitBreaker.State.CLOSED);
            });
        }
    }

    @Test
    void shouldTellTheTemplatesThereIsNoTransactionToLookFor() {
        contexts("mongodb://127.0.0.1:" + proxy.port())
                .withUserConfiguration(Template.class)
                .run(context -> assertThat(ReflectionTestUtils.getField(context.getBean(ReactiveMongoTemplate.class), "sessionSynchronization"))
                        .isEqualTo(SessionSynchronization.NEVER));
    }

    @Configuration(proxyBeanMethods = false)
    static class Template {

        @Bean
        ReactiveMongoTemplate template(MongoClient client) {
            return new ReactiveMongoTemplate(client, "guard-test");
        }
    }

    @Nested
    class Timeouts {

        static MongoClientSettings settings(ApplicationContext context) {
            MongoClientSettings.Builder builder = MongoClientSettings.builder();
            context.getBeanProvider(MongoClientSettingsBuilderCustomizer.class).orderedStream().forEach(c -> c.customize(builder));
            return builder.build();
        }

        @Test
        void shouldBoundEveryWaitOfTheDriverWhenTheConnectionStringSaysNothing() {
            contexts("mongodb://127.0.0.1:" + proxy.port()).withPropertyValues("numi.mongo.connect-timeout=1500ms", "numi.mongo.read-timeout=7s")
                    .run(context -> {
                        MongoClientSettings settings = settings(context);
                        assertThat(settings.getClusterSettings().getServerSelectionTimeout(TimeUnit.MILLISECONDS)).isEqualTo(300);
                        assertThat(settings.getSocketSettings().getConnectTimeout(TimeUnit.MILLISECONDS)).isEqualTo(1500);
                        assertThat(settings.getSocketSettings().getReadTimeout(TimeUnit.MILLISECONDS)).isEqualTo(7000);
                    });
        }

        @Test
        void shouldKeepWhatTheConnectionStringSays() {
            contexts("mongodb://127.0.0.1:" + proxy.port() + "/?serverSelectionTimeoutMS=4000&connectTimeoutMS=3000&socketTimeoutMS=20000")
                    .run(context -> {
                        MongoClientSettings settings = settings(context);
                        assertThat(settings.getClusterSettings().getServerSelectionTimeout(TimeUnit.MILLISECONDS)).isEqualTo(4000);
                        assertThat(settings.getSocketSettings().getConnectTimeout(TimeUnit.MILLISECONDS)).isEqualTo(3000);
                        assertThat(settings.getSocketSettings().getReadTimeout(TimeUnit.MILLISECONDS)).isEqualTo(20000);
                    });
        }
    }
}
