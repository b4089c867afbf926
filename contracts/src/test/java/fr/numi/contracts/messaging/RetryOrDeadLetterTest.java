package fr.numi.contracts.messaging;

import static fr.numi.contracts.messaging.FaultClassifierTest.asDelivered;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.mongodb.MongoTimeoutException;
import fr.numi.contracts.cloudevents.RejectedEventException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.kafka.support.SendResult;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;

/**
 * The error handler every binding gets, driven as the listener container drives it (one call per failed delivery of
 * the record), with a mock broker client: what is retried, what is dead-lettered, with which headers.
 */
class RetryOrDeadLetterTest {

    static final String TOPIC = "intake.request-received.v1";
    static final String DLQ = TOPIC + ".ticket-service.dlq";
    static final BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> TO_DLQ = (r, e) -> new TopicPartition(DLQ, r.partition());

    @SuppressWarnings("unchecked")
    final KafkaOperations<Object, Object> broker = mock(KafkaOperations.class);
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final RetryOrDeadLetter faults = new RetryOrDeadLetter(FaultClassifierTest.DEFAULTS, broker, meters);
    final MessageListenerContainer container = mock(MessageListenerContainer.class);
    @SuppressWarnings("unchecked")
    final Consumer<Object, Object> consumer = mock(Consumer.class);
    final ConsumerRecord<Object, Object> record = record();

    /** The binder's back-off for max-attempts 3: two retries. */
    final BackOff threeAttempts = new ExponentialBackOffWithMaxRetries(2);

    RetryOrDeadLetterTest() {
        when(broker.send(any(ProducerRecord.class))).thenAnswer(sent -> CompletableFuture.completedFuture(
                new SendResult<>(sent.getArgument(0), new RecordMetadata(new TopicPartition(DLQ, 0), 0, 0, 0, 0, 0))));
        when(consumer.partitionsFor(anyString(), any(Duration.class)))
                .thenReturn(List.of(new PartitionInfo(DLQ, 0, Node.noNode(), new Node[0], new Node[0])));
    }

    @AfterEach
    void stop() throws Exception {
        faults.destroy();
    }

    static ConsumerRecord<Object, Object> record() {
        ConsumerRecord<Object, Object> record = new ConsumerRecord<>(TOPIC, 0, 42L, "cus_0".getBytes(StandardCharsets.UTF_8),
                "{}".getBytes(StandardCharsets.UTF_8));
        record.headers().add("ce_id", "web-1".getBytes(StandardCharsets.UTF_8));
        record.headers().add("ce_subject", "NUMI-7K3Q-9XMD".getBytes(StandardCharsets.UTF_8));
        return record;
    }

    /** One failed delivery, as the container reports it. */
    void fails(RetryOrDeadLetter.FaultAwareErrorHandler handler, Exception failure) {
        // "Record in retry and not yet recovered" when the record will come again: the container's signal, not an error
        catchThrowable(() -> handler.handleRemaining(failure, List.of(record), consumer, container));
    }

    static Exception mongoDown() {
        return asDelivered(new DataAccessResourceFailureException("Timed out", new MongoTimeoutException("Timed out while waiting")));
    }

    static Exception unreadable() {
        return asDelivered(new RejectedEventException("unreadable intake.request-received.v1 record"));
    }

    @Nested
    class WhileADependencyIsUnavailable {

        @Test
        void shouldRetryTheSameRecordWithoutLimitAndNeverDeadLetterIt() {
            // given
            var handler = faults.errorHandler("requestReceived-in-0", FaultClassifierTest.DEFAULTS.classifier(), TO_DLQ, threeAttempts);

            // when: far more failures than a bad record gets
            for (int i = 0; i < 20; i++) {
                fails(handler, mongoDown());
            }

            // then: never dead-lettered; each time the partition waits and the record is sought back
            verify(broker, never()).send(any(ProducerRecord.class));
            verify(container, times(20)).pausePartition(new TopicPartition(TOPIC, 0));
            verify(consumer, times(20)).seek(new TopicPartition(TOPIC, 0), 42L);
            assertThat(meters.get(RetryOrDeadLetter.RETRIES).tag("binding", "requestReceived-in-0")
                    .tag("exception", MongoTimeoutException.class.getName()).counter().count()).isEqualTo(20);
        }

        @Test
        void shouldWaitOneSecondDoublingUpToThirtyWithoutEnd() {
            BackOffExecution execution = faults.dependencyBackOff().start();

            assertThat(List.of(execution.nextBackOff(), execution.nextBackOff(), execution.nextBackOff(), execution.nextBackOff(),
                    execution.nextBackOff(), execution.nextBackOff(), execution.nextBackOff()))
                    .containsExactly(1000L, 2000L, 4000L, 8000L, 16000L, 30000L, 30000L);
            for (int i = 0; i < 10_000; i++) {
                assertThat(execution.nextBackOff()).isEqualTo(30000L);
            }
        }

        @Test
        void shouldNeverDropTheRecordOfABindingWithoutDeadLetterTopic() {
            var handler = faults.errorHandler("trackingUpdates-in-0", FaultClassifierTest.DEFAULTS.classifier(), null, null);

            for (int i = 0; i < 5; i++) {
                fails(handler, mongoDown());
            }

            verify(consumer, times(5)).seek(new TopicPartition(TOPIC, 0), 42L);
            verify(container, times(5)).pausePartition(new TopicPartition(TOPIC, 0));
        }
    }

    @Nested
    class ABadRecord {

        @Test
        void shouldBeDeadLetteredAfterTheBindingsAttemptsWithTheBindersHeaders() {
            // given
            var handler = faults.errorHandler("requestReceived-in-0", FaultClassifierTest.DEFAULTS.classifier(), TO_DLQ, threeAttempts);

            // when: three failed deliveries
            fails(handler, unreadable());
            fails(handler, unreadable());
            verify(broker, never()).send(any(ProducerRecord.class));
            fails(handler, unreadable());

            // then: the record, unchanged, on its dead-letter topic, with the reason
            ProducerRecord<Object, Object> dead = sent();
            assertThat(dead.topic()).isEqualTo(DLQ);
            assertThat(dead.partition()).isZero();
            assertThat(dead.key()).isEqualTo(record.key());
            assertThat(dead.value()).isEqualTo(record.value());
            assertThat(header(dead, "ce_id")).isEqualTo("web-1");
            assertThat(header(dead, "x-exception-message")).isEqualTo("unreadable intake.request-received.v1 record");
            assertThat(header(dead, "x-exception-fqcn")).isEqualTo(RejectedEventException.class.getName());
            assertThat(header(dead, "x-exception-stacktrace")).contains("RejectedEventException");
            assertThat(header(dead, "x-original-topic")).isEqualTo(TOPIC);
            assertThat(ByteBuffer.wrap(dead.headers().lastHeader("x-original-partition").value()).getInt()).isZero();
            assertThat(ByteBuffer.wrap(dead.headers().lastHeader("x-original-offset").value()).getLong()).isEqualTo(42L);
            assertThat(meters.get(RetryOrDeadLetter.DEAD_LETTERS).tag("binding", "requestReceived-in-0").counter().count()).isEqualTo(1);
        }

        @Test
        void shouldGoToTheDeadLetterTopicAtOnceWhenTheBindingSaysTheFailureIsFinal() {
            var handler = faults.errorHandler("ticketNotification-in-0",
                    FaultClassifierTest.DEFAULTS.classifier().withFinalFailures(List.of(IllegalStateException.class.getName())), TO_DLQ,
                    threeAttempts);

            fails(handler, asDelivered(new IllegalStateException("whatsapp-api answered 400 code=131026")));

            assertThat(header(sent(), "x-exception-message")).isEqualTo("whatsapp-api answered 400 code=131026");
        }

        @Test
        void shouldStartItsOwnAttemptsOnceTheDependencyIsBack() {
            // given: the record waited for the database
            var handler = faults.errorHandler("requestReceived-in-0", FaultClassifierTest.DEFAULTS.classifier(), TO_DLQ, threeAttempts);
            for (int i = 0; i < 5; i++) {
                fails(handler, mongoDown());
            }

            // when: back, the record turns out to be bad
            fails(handler, unreadable());
            fails(handler, unreadable());
            fails(handler, unreadable());

            // then
            assertThat(header(sent(), "x-exception-message")).isEqualTo("unreadable intake.request-received.v1 record");
        }

        @Test
        void shouldBeReadAgainWhenTheBrokerDoesNotTakeTheDeadLetter() {
            // given: the dead-letter write fails
            when(broker.send(any(ProducerRecord.class))).thenReturn(CompletableFuture.failedFuture(
                    new org.apache.kafka.common.errors.TimeoutException("Expiring 1 record(s)")));
            var handler = faults.errorHandler("requestReceived-in-0", FaultClassifierTest.DEFAULTS.classifier(), TO_DLQ, threeAttempts);

            // when
            fails(handler, unreadable());
            fails(handler, unreadable());
            fails(handler, unreadable());

            // then: not skipped, sought back to be read again
            verify(broker, atLeastOnce()).send(any(ProducerRecord.class));
            verify(consumer, times(3)).seek(new TopicPartition(TOPIC, 0), 42L);
        }

        @Test
        void shouldBeDroppedAfterItsAttemptsWhereTheBindingHasNoDeadLetterTopic() {
            var handler = faults.errorHandler("trackingUpdates-in-0", FaultClassifierTest.DEFAULTS.classifier(), null, null);

            fails(handler, unreadable());

            verify(broker, never()).send(any(ProducerRecord.class));
            verify(consumer, never()).seek(any(TopicPartition.class), any(Long.class));
        }
    }

    @SuppressWarnings("unchecked")
    ProducerRecord<Object, Object> sent() {
        ArgumentCaptor<ProducerRecord<Object, Object>> captor = ArgumentCaptor.forClass(ProducerRecord.class);
        verify(broker).send(captor.capture());
        return captor.getValue();
    }

    static String header(ProducerRecord<Object, Object> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

}
