package fr.numi.intake.delivery.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import fr.numi.intake.config.DeliveryProperties;
import fr.numi.intake.delivery.application.ProviderException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** What the guard leaves for the durable retries to decide: transient or not. */
class ProviderGuardTest {

    final ProviderGuard guard = new ProviderGuard("twilio-api",
            new DeliveryProperties.Resilience(Duration.ofSeconds(1), 2, Duration.ofMillis(1), 50, 2, Duration.ofMinutes(1), 10, null),
            new SimpleMeterRegistry());

    @Test
    void shouldLeaveAnOpenCircuitAsATransientFailureWithoutCallingTheProvider() {
        // given: the provider answered 503 until the circuit opened
        AtomicInteger calls = new AtomicInteger();
        Mono<String> unavailable = Mono.fromCallable(() -> {
            calls.incrementAndGet();
            throw new ProviderException("twilio-api answered 503 code=20500", true);
        });
        catchThrowableOfType(ProviderException.class, () -> guard.guard(unavailable).block());
        assertThat(guard.state()).isEqualTo(CircuitBreaker.State.OPEN);
        int before = calls.get();

        // when
        ProviderException open = catchThrowableOfType(ProviderException.class, () -> guard.guard(unavailable).block());

        // then: retried later by the caller, not failed for good
        assertThat(open.transientFailure()).isTrue();
        assertThat(open.getMessage()).isEqualTo("twilio-api: circuit open");
        assertThat(calls.get()).isEqualTo(before);
    }

    @Test
    void shouldLeaveAPermanentRefusalAsSuchAfterOneCall() {
        // given
        AtomicInteger calls = new AtomicInteger();
        Mono<String> refused = Mono.fromCallable(() -> {
            calls.incrementAndGet();
            throw new ProviderException("twilio-api answered 400 code=21211", false);
        });

        // when
        ProviderException e = catchThrowableOfType(ProviderException.class, () -> guard.guard(refused).block());

        // then
        assertThat(e.transientFailure()).isFalse();
        assertThat(calls.get()).isEqualTo(1);
    }
}
