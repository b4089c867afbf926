package fr.numi.contracts.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoSocketOpenException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.ServerAddress;
import fr.numi.contracts.cloudevents.RejectedEventException;
import fr.numi.contracts.messaging.FaultClassifier.Fault;
import fr.numi.contracts.messaging.FaultClassifier.Verdict;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.kafka.core.KafkaProducerException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.messaging.MessageHandlingException;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.support.MessageBuilder;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The classification every consumer uses, with the lists of numi-defaults.yml as every service reads them, on cause
 * chains as the listener container hands them over (container, then binder, then the consumer's own exceptions).
 */
class FaultClassifierTest {

    static final ConsumerFaultProperties DEFAULTS = defaults();

    final FaultClassifier faults = DEFAULTS.classifier();

    static ConsumerFaultProperties defaults() {
        try {
            List<PropertySource<?>> yml = new YamlPropertySourceLoader().load("numi-defaults", new ClassPathResource("numi-defaults.yml"));
            return new Binder(ConfigurationPropertySources.from(yml)).bind("numi.consumer", ConsumerFaultProperties.class).get();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the listener container hands over: its own exception, the binder's, then the consumer's. */
    static Exception asDelivered(Throwable thrownByConsumer) {
        MessageHandlingException binder = new MessageHandlingException(MessageBuilder.withPayload(new byte[0]).build(),
                "error occurred in message handler", thrownByConsumer);
        return new ListenerExecutionFailedException("Listener failed", binder);
    }

    @Test
    void shouldReadTheListsAndTheBackOffOfTheSharedDefaults() {
        assertThat(DEFAULTS.dependencyExceptions()).contains("com.mongodb.MongoTimeoutException",
                "org.springframework.dao.DataAccessResourceFailureException", "org.apache.kafka.common.errors.RetriableException");
        assertThat(DEFAULTS.badRecordExceptions()).contains(RejectedEventException.class.getName());
        assertThat(DEFAULTS.dependencyBackOff())
                .isEqualTo(new ConsumerFaultProperties.BackOff(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(30)));
    }

    @Nested
    class UnavailableDependency {

        @Test
        void shouldNameMongoDbDownBehindSpringDatasTranslation() {
            // given
            Exception failure = asDelivered(new DataAccessResourceFailureException("Timed out",
                    new MongoTimeoutException("Timed out while waiting for a server")));

            // when
            Verdict verdict = faults.classify(failure);

            // then: the driver's own exception names the cause
            assertThat(verdict.fault()).isEqualTo(Fault.DEPENDENCY);
            assertThat(verdict.culprit()).isInstanceOf(MongoTimeoutException.class);
        }

        @Test
        void shouldNameMongoDbRefusingConnectionsBySuperclass() {
            Verdict verdict = faults.classify(asDelivered(
                    new MongoSocketOpenException("Exception opening socket", new ServerAddress("127.0.0.1", 27017), new ConnectException())));

            assertThat(verdict.fault()).isEqualTo(Fault.DEPENDENCY);
            assertThat(verdict.culprit()).isInstanceOf(MongoSocketOpenException.class);
        }

        @Test
        void shouldNameABrokerThatDidNotAcknowledgeAPublishDownstream() {
            // given: ticket-service's publisher gives up waiting for the producer's future
            org.apache.kafka.common.errors.TimeoutException expired =
                    new org.apache.kafka.common.errors.TimeoutException("Expiring 1 record(s): 8001 ms has passed since batch creation");
            Exception failure = asDelivered(new IllegalStateException("broker did not acknowledge the events of ticket NUMI-0000-0000",
                    new ExecutionException(new KafkaProducerException(new ProducerRecord<>("ticket.lifecycle.v1", "k"), "Failed to send", expired))));

            // when
            Verdict verdict = faults.classify(failure);

            // then
            assertThat(verdict.fault()).isEqualTo(Fault.DEPENDENCY);
            assertThat(verdict.culprit()).isSameAs(expired);
        }

        @Test
        void shouldNameAWaitForTheDatabaseThatRanOut() {
            // given: a store call awaited with Reactor's block(timeout), as every service's consumers do
            RuntimeException timedOut = catching(() -> Mono.never().block(Duration.ofMillis(1)));

            // when
            Verdict verdict = faults.classify(asDelivered(timedOut));

            // then
            assertThat(verdict.fault()).isEqualTo(Fault.DEPENDENCY);
            assertThat(verdict.culprit()).isInstanceOf(java.util.concurrent.TimeoutException.class);
        }

        @Test
        void shouldNameAWaitCutShortByShutdown() {
            Verdict verdict = faults.classify(asDelivered(new IllegalStateException("interrupted while publishing", new InterruptedException())));

            assertThat(verdict.fault()).isEqualTo(Fault.DEPENDENCY);
        }

        @Test
        void shouldNameAConcurrentWriteAsTransient() {
            assertThat(faults.classify(asDelivered(new OptimisticLockingFailureException("version changed"))).fault())
                    .isEqualTo(Fault.DEPENDENCY);
        }
    }

    @Nested
    class BadRecord {

        @Test
        void shouldNameTheReadersRefusalWithItsReason() {
            // given
            Exception failure = asDelivered(new RejectedEventException("intake.delivery-status.v1 record with an invalid outcome",
                    new IllegalArgumentException("No enum constant")));

            // when
            Verdict verdict = faults.classify(failure);

            // then: the outermost named exception decides, and its message is the dead letter's reason
            assertThat(verdict.fault()).isEqualTo(Fault.BAD_RECORD);
            assertThat(verdict.reason()).isEqualTo("intake.delivery-status.v1 record with an invalid outcome");
        }

        @Test
        void shouldLetTheCodeThatRefusedTheRecordDecideWhateverItCaught() {
            Verdict verdict = faults.classify(asDelivered(new RejectedEventException("ticket.lifecycle.v1 record with an invalid status",
                    new DataAccessResourceFailureException("down"))));

            assertThat(verdict.fault()).isEqualTo(Fault.BAD_RECORD);
        }

        @Test
        void shouldNameADomainRefusalBySuperclass() {
            // a NumberFormatException is an IllegalArgumentException
            assertThat(faults.classify(asDelivered(new NumberFormatException("For input string"))).fault()).isEqualTo(Fault.BAD_RECORD);
        }

        @Test
        void shouldNameAnUnparsableBody() {
            JacksonException unparsable = catching(() -> JsonMapper.builder().build().readTree("{not json"));

            assertThat(faults.classify(asDelivered(unparsable)).fault()).isEqualTo(Fault.BAD_RECORD);
        }

        @Test
        void shouldNameAConversionFailureThoughItIsAMessagingException() {
            assertThat(faults.classify(new ListenerExecutionFailedException("failed", new MessageConversionException("cannot convert"))).fault())
                    .isEqualTo(Fault.BAD_RECORD);
        }
    }

    @Nested
    class FinalOrUnknown {

        static class DeliveryFailedException extends RuntimeException {
            DeliveryFailedException(String reason) {
                super(reason);
            }
        }

        @Test
        void shouldDeadLetterAtOnceWhatTheBindingDeclaresFinal() {
            // given: intake's retryable-exceptions: false
            FaultClassifier intake = faults.withFinalFailures(List.of(DeliveryFailedException.class.getName()));

            // when
            Verdict verdict = intake.classify(asDelivered(new DeliveryFailedException("whatsapp-api answered 400 code=131026")));

            // then
            assertThat(verdict.fault()).isEqualTo(Fault.FINAL);
            assertThat(verdict.reason()).isEqualTo("whatsapp-api answered 400 code=131026");
        }

        @Test
        void shouldNameTheFirstOwnExceptionOfAFailureNothingNames() {
            // given: a bug
            NullPointerException bug = new NullPointerException("Cannot invoke \"String.length()\" because \"text\" is null");

            // when
            Verdict verdict = faults.classify(asDelivered(bug));

            // then: past the container's and the binder's wrappers
            assertThat(verdict.fault()).isEqualTo(Fault.UNKNOWN);
            assertThat(verdict.culprit()).isSameAs(bug);
        }

        @Test
        void shouldStopOnACauseChainThatLoops() {
            // given
            IllegalStateException first = new IllegalStateException("first");
            IllegalStateException second = new IllegalStateException("second", first);
            first.initCause(second);

            // when
            Verdict verdict = faults.classify(first);

            // then
            assertThat(verdict.fault()).isEqualTo(Fault.UNKNOWN);
            assertThat(verdict.culprit()).isSameAs(first);
        }

        @Test
        void shouldGiveTheClassAsReasonWhenTheCulpritHasNoMessage() {
            assertThat(faults.classify(new IllegalStateException()).reason()).isEqualTo("java.lang.IllegalStateException");
        }
    }

    @SuppressWarnings("unchecked")
    static <T extends Throwable> T catching(Runnable call) {
        try {
            call.run();
        } catch (Throwable t) {
            return (T) t;
        }
        throw new AssertionError("no exception");
    }
}
