package fr.numi.intake.config;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The pipeline's backlog guard, bound from {@code numi.intake.backlog.*}: when the consumers behind intake are too far
 * behind on {@code intake.request-received.v1}, ordinary web requests get 503 with {@code Retry-After} (the form keeps
 * what the person wrote and says when to send it again; a gateway sends it again) instead of a ticket that would wait
 * for hours; a red button always goes through. Off by default: a hotline that prefers to accept everything and answer
 * late keeps it off; one that would rather say "busy, retry in a minute" during a scam wave sets a limit.
 *
 * @param limit records behind (for the furthest-behind group) from which ordinary requests are refused; 0: off
 * @param groups the consumer groups whose lag on the request topic counts (those that turn a request into a ticket)
 * @param topic the topic whose lag is measured
 * @param pollEvery how often the lag is read from the broker (every instance reads it; the broker is the one truth)
 * @param retryAfter the {@code Retry-After} of the 503
 */
@ConfigurationProperties("numi.intake.backlog")
public record BacklogProperties(long limit, List<String> groups, String topic, Duration pollEvery, Duration retryAfter) {

    public BacklogProperties {
        limit = Math.max(0, limit);
        groups = groups == null || groups.isEmpty() ? List.of("triage-service", "ticket-service") : List.copyOf(groups);
        topic = topic == null || topic.isBlank() ? "intake.request-received.v1" : topic;
        pollEvery = pollEvery == null || pollEvery.isNegative() || pollEvery.isZero() ? Duration.ofSeconds(5) : pollEvery;
        retryAfter = retryAfter == null || retryAfter.isNegative() || retryAfter.isZero() ? Duration.ofSeconds(60) : retryAfter;
    }

    public boolean enabled() {
        return limit > 0;
    }
}
