package fr.numi.contracts.messaging;

import fr.numi.contracts.cloudevents.RejectedEventException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.cloud.stream.binder.ExtendedConsumerProperties;
import org.springframework.cloud.stream.binder.kafka.ListenerContainerWithDlqAndRetryCustomizer;
import org.springframework.cloud.stream.binder.kafka.properties.KafkaConsumerProperties;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.BackOffHandler;
import org.springframework.kafka.listener.ConsumerAwareRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer.HeaderNames;
import org.springframework.kafka.listener.DefaultBackOffHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerContainerPauseService;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * The error handling of every input binding of every service, installed once here instead of the binder's own retries
 * and dead-letter publishing ({@link #retryAndDlqInBinding} is false): a record that fails is classified
 * ({@link FaultClassifier}) and
 *
 * <ul>
 *   <li>met an unavailable dependency: the <b>same record</b> again after a capped exponential back-off, without limit,
 *       never dead-lettered. Meanwhile its partition is paused (order kept: nothing behind it is read), the container's
 *       other partitions go on. Each retry counts in {@code numi_consumer_dependency_retries_total{binding,exception}}
 *       and logs a WARN line naming the record by topic, partition, offset and ticket id, never its content;</li>
 *   <li>is bad (or failed for a reason nothing names): the binding's bounded retries ({@code max-attempts} and
 *       {@code back-off-*} of numi-defaults.yml), then its dead-letter topic ({@code dlq-name}), unchanged, with the
 *       headers the binder wrote ({@code x-exception-message} the reason, {@code x-original-topic}, …), counted in
 *       {@code numi_consumer_dead_letters_total{binding,exception}}. A failure the binding declares final
 *       ({@code retryable-exceptions: false}) goes there at once.</li>
 * </ul>
 *
 * Unlike the binder's, the dead-letter write is awaited: if the broker does not take it, the record is not skipped but
 * read again, so a record is never lost between its topic and its dead-letter topic. A binding without a dead-letter
 * topic ({@code enable-dlq: false}) drops a bad record after its attempts, with a WARN line.
 */
public class RetryOrDeadLetter implements ListenerContainerWithDlqAndRetryCustomizer, DisposableBean {

    static final String RETRIES = "numi.consumer.dependency.retries";
    static final String DEAD_LETTERS = "numi.consumer.dead.letters";

    private static final Logger log = LoggerFactory.getLogger(RetryOrDeadLetter.class);
    private static final Pattern TICKET_ID = Pattern.compile("NUMI-[0-9A-Z]{4}-[0-9A-Z]{4}");
    private static final BackOff NO_RETRY = new FixedBackOff(0L, 0L);

    private final FaultClassifier classifier;
    private final ConsumerFaultProperties.BackOff dependencyBackOff;
    private final KafkaOperations<Object, Object> deadLetters;
    private final MeterRegistry meters;
    private final ThreadPoolTaskScheduler resumer = new ThreadPoolTaskScheduler();
    private final ListenerContainerPauseService pauser;

    /**
     * @param deadLetters the template dead letters are written with (raw key and value, as read)
     * @param meters where the retries and dead letters are counted (the global registry when null)
     */
    public RetryOrDeadLetter(ConsumerFaultProperties properties, KafkaOperations<Object, Object> deadLetters, MeterRegistry meters) {
        this.classifier = properties.classifier();
        this.dependencyBackOff = properties.dependencyBackOff();
        this.deadLetters = deadLetters;
        this.meters = meters == null ? Metrics.globalRegistry : meters;
        resumer.setPoolSize(1);
        resumer.setThreadNamePrefix("numi-consumer-resume-");
        resumer.setDaemon(true);
        resumer.initialize();
        this.pauser = new ListenerContainerPauseService(null, resumer);
    }

    /** The binder neither retries nor dead-letters: the error handler installed by {@link #configure} does both. */
    @Override
    public boolean retryAndDlqInBinding(String destinationName, String group) {
        return false;
    }

    @Override
    public void configure(AbstractMessageListenerContainer<?, ?> container, String destinationName, String group,
            BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestinationResolver, BackOff backOff) {
        configure(container, destinationName, group, dlqDestinationResolver, backOff, null);
    }

    @Override
    public void configure(AbstractMessageListenerContainer<?, ?> container, String destinationName, String group,
            BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestinationResolver, BackOff backOff,
            ExtendedConsumerProperties<KafkaConsumerProperties> binding) {
        String name = binding != null && binding.getBindingName() != null ? binding.getBindingName() : destinationName;
        FaultClassifier faults = classifier.withFinalFailures(finalFailures(binding));
        container.setCommonErrorHandler(errorHandler(name, faults, dlqDestinationResolver, backOff));
    }

    /** The binder's {@code retryable-exceptions} a binding sets to false: final, dead-lettered at once. */
    private static List<String> finalFailures(ExtendedConsumerProperties<KafkaConsumerProperties> binding) {
        if (binding == null || binding.getRetryableExceptions() == null) {
            return List.of();
        }
        return binding.getRetryableExceptions().entrySet().stream()
                .filter(e -> Boolean.FALSE.equals(e.getValue()))
                .map(e -> e.getKey().getName())
                .toList();
    }

    FaultAwareErrorHandler errorHandler(String binding, FaultClassifier faults,
            BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestinationResolver, BackOff recordBackOff) {
        ConsumerAwareRecordRecoverer recoverer = dlqDestinationResolver == null
                ? (record, consumer, exception) -> dropped(binding, faults, record, exception)
                : deadLetterer(binding, faults, dlqDestinationResolver);
        return new FaultAwareErrorHandler(faults, recoverer, recordBackOff == null ? NO_RETRY : recordBackOff,
                new PausingBackOffHandler(binding), dependencyBackOff());
    }

    private ConsumerAwareRecordRecoverer deadLetterer(String binding, FaultClassifier faults,
            BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestinationResolver) {
        DeadLetterPublishingRecoverer publisher = new DeadLetterPublishingRecoverer(deadLetters, dlqDestinationResolver::apply);
        publisher.setHeaderNamesSupplier(RetryOrDeadLetter::binderHeaderNames);
        publisher.excludeHeader(HeaderNames.HeadersToAdd.GROUP);
        publisher.setExceptionHeadersCreator((headers, exception, isKey, names) -> {
            FaultClassifier.Verdict verdict = faults.classify(exception);
            headers.remove(names.getExceptionInfo().getExceptionFqcn());
            headers.remove(names.getExceptionInfo().getExceptionMessage());
            headers.remove(names.getExceptionInfo().getExceptionStacktrace());
            headers.add(names.getExceptionInfo().getExceptionFqcn(), verdict.culprit().getClass().getName().getBytes(StandardCharsets.UTF_8));
            headers.add(names.getExceptionInfo().getExceptionMessage(), verdict.reason().getBytes(StandardCharsets.UTF_8));
            headers.add(names.getExceptionInfo().getExceptionStacktrace(), stackTrace(exception).getBytes(StandardCharsets.UTF_8));
        });
        return (record, consumer, exception) -> {
            FaultClassifier.Verdict verdict = faults.classify(exception);
            if (verdict.dependency()) {
                // Never a dead letter for an outage: failing here sends the record round again.
                throw new KafkaException("not dead-lettered: a dependency is unavailable", exception);
            }
            publisher.accept(record, consumer, exception);
            meters.counter(DEAD_LETTERS, "binding", binding, "exception", verdict.culprit().getClass().getName()).increment();
            log.warn("dead-lettered binding={} record={} ticket={} fault={} exception={}{}", binding, position(record), ticketId(record),
                    verdict.fault(), verdict.culprit().getClass().getName(), safeReason(verdict));
        };
    }

    private void dropped(String binding, FaultClassifier faults, ConsumerRecord<?, ?> record, Exception exception) {
        FaultClassifier.Verdict verdict = faults.classify(exception);
        if (verdict.dependency()) {
            throw new KafkaException("not dropped: a dependency is unavailable", exception);
        }
        log.warn("dropped (no dead-letter topic) binding={} record={} ticket={} fault={} exception={}{}", binding, position(record),
                ticketId(record), verdict.fault(), verdict.culprit().getClass().getName(), safeReason(verdict));
    }

    /** The reason, where it is known to name a field or attribute and never a value (RejectedEventException's contract). */
    private static String safeReason(FaultClassifier.Verdict verdict) {
        return verdict.culprit() instanceof RejectedEventException ? " reason=" + verdict.reason() : "";
    }

    /** The headers the binder's own dead-letter publishing wrote, so that readers of the dead-letter topics see no change. */
    static HeaderNames binderHeaderNames() {
        return HeaderNames.Builder.original()
                .offsetHeader("x-original-offset")
                .timestampHeader("x-original-timestamp")
                .timestampTypeHeader("x-original-timestamp-type")
                .topicHeader("x-original-topic")
                .partitionHeader("x-original-partition")
                .consumerGroupHeader("x-original-group")
                .exception()
                .keyExceptionFqcn("x-key-exception-fqcn")
                .exceptionFqcn("x-exception-fqcn")
                .exceptionCauseFqcn("x-exception-cause-fqcn")
                .keyExceptionMessage("x-key-exception-message")
                .exceptionMessage("x-exception-message")
                .keyExceptionStacktrace("x-key-exception-stacktrace")
                .exceptionStacktrace("x-exception-stacktrace")
                .build();
    }

    BackOff dependencyBackOff() {
        ExponentialBackOff backOff = new ExponentialBackOff(dependencyBackOff.initialInterval().toMillis(), dependencyBackOff.multiplier());
        backOff.setMaxInterval(dependencyBackOff.maxInterval().toMillis());
        // No maximum elapsed time nor number of attempts: an outage is waited out, however long.
        return backOff;
    }

    static String position(ConsumerRecord<?, ?> record) {
        return record == null ? "?" : record.topic() + "-" + record.partition() + "@" + record.offset();
    }

    /** The record's ticket id ({@code ce_subject}), only if it is one: nothing else of a record goes to the logs. */
    static String ticketId(ConsumerRecord<?, ?> record) {
        Header subject = record == null ? null : record.headers().lastHeader("ce_subject");
        if (subject == null) {
            return "-";
        }
        String value = new String(subject.value(), StandardCharsets.UTF_8);
        return TICKET_ID.matcher(value).matches() ? value : "-";
    }

    private static String stackTrace(Throwable exception) {
        StringWriter out = new StringWriter();
        exception.printStackTrace(new PrintWriter(out, true));
        return out.toString();
    }

    @Override
    public void destroy() throws Exception {
        resumer.shutdown();
        if (deadLetters.getProducerFactory() instanceof DisposableBean producers) {
            producers.destroy();
        }
    }

    /**
     * A {@link DefaultErrorHandler} whose back-off depends on the fault: unlimited for an unavailable dependency, the
     * binding's own for anything else. A dependency failure reaches the failure tracker wrapped in
     * {@link DependencyUnavailable}, so that a record whose failure changes kind (the database comes back and the record
     * turns out to be bad, or the reverse) starts the back-off of its new kind (the tracker resets on a change of class).
     */
    final class FaultAwareErrorHandler extends DefaultErrorHandler {

        private final FaultClassifier faults;
        private final ThreadLocal<ConsumerRecord<?, ?>> failed;

        FaultAwareErrorHandler(FaultClassifier faults, ConsumerAwareRecordRecoverer recoverer, BackOff recordBackOff,
                PausingBackOffHandler backOffHandler, BackOff forDependencies) {
            // The default back-off must retry: one that does not (max-attempts 1) makes the tracker skip the function below.
            super(recoverer, forDependencies, backOffHandler);
            this.faults = faults;
            this.failed = backOffHandler.failed;
            setBackOffFunction((record, exception) -> exception instanceof DependencyUnavailable ? forDependencies
                    : faults.classify(exception).fault() == FaultClassifier.Fault.FINAL ? NO_RETRY : recordBackOff);
            // Every decision is the back-off function's: none of spring-kafka's "not retryable" defaults.
            setClassifications(Map.of(), true);
            // Each retry is logged once, by the back-off handler, without the record's content.
            setLogLevel(KafkaException.Level.DEBUG);
        }

        @Override
        public boolean handleOne(Exception thrownException, ConsumerRecord<?, ?> record, Consumer<?, ?> consumer,
                MessageListenerContainer container) {
            failed.set(record);
            try {
                return super.handleOne(faultAware(thrownException), record, consumer, container);
            } finally {
                failed.remove();
            }
        }

        @Override
        public void handleRemaining(Exception thrownException, List<ConsumerRecord<?, ?>> records, Consumer<?, ?> consumer,
                MessageListenerContainer container) {
            failed.set(records.isEmpty() ? null : records.get(0));
            try {
                super.handleRemaining(faultAware(thrownException), records, consumer, container);
            } finally {
                failed.remove();
            }
        }

        Exception faultAware(Exception thrown) {
            FaultClassifier.Verdict verdict = faults.classify(thrown);
            return verdict.dependency() ? new DependencyUnavailable(verdict, thrown) : thrown;
        }
    }

    /** A failure of an unavailable dependency, as the failure tracker sees it. */
    static final class DependencyUnavailable extends KafkaException {

        private final transient FaultClassifier.Verdict verdict;

        DependencyUnavailable(FaultClassifier.Verdict verdict, Exception cause) {
            super("dependency unavailable: " + verdict.culprit().getClass().getName(), cause);
            this.verdict = verdict;
        }

        FaultClassifier.Verdict verdict() {
            return verdict;
        }
    }

    /**
     * Waits by pausing the failed record's partition (the consumer keeps polling its other partitions and stays in its
     * group) and resuming it when the back-off is over; the record, sought back by the error handler, comes first.
     */
    final class PausingBackOffHandler implements BackOffHandler {

        private final String binding;
        private final DefaultBackOffHandler sleeping = new DefaultBackOffHandler();
        /** The record the error handler is handling on this consumer thread (the back-off callback does not name it). */
        final ThreadLocal<ConsumerRecord<?, ?>> failed = new ThreadLocal<>();

        PausingBackOffHandler(String binding) {
            this.binding = binding;
        }

        @Override
        public void onNextBackOff(MessageListenerContainer container, Exception exception, long nextBackOff) {
            ConsumerRecord<?, ?> record = failed.get();
            if (exception instanceof DependencyUnavailable unavailable) {
                String cause = unavailable.verdict().culprit().getClass().getName();
                meters.counter(RETRIES, "binding", binding, "exception", cause).increment();
                log.warn("dependency unavailable binding={} record={} ticket={} exception={}: same record again in {} ms", binding,
                        position(record), ticketId(record), cause, nextBackOff);
            } else {
                log.debug("record failed binding={} record={} ticket={}: again in {} ms", binding, position(record), ticketId(record),
                        nextBackOff);
            }
            if (container == null || record == null) {
                sleeping.onNextBackOff(container, exception, nextBackOff);
            } else {
                pauser.pausePartition(container, new TopicPartition(record.topic(), record.partition()), Duration.ofMillis(nextBackOff));
            }
        }
    }
}
