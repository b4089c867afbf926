package fr.numi.ticket.ticket.application;

import java.time.Duration;

/**
 * How the outbox relay and the timers run (docs/adr/0007), from {@code numi.ticket.timers.*}.
 *
 * @param pollEvery how often each instance looks for due timers
 * @param lease how long an instance holds a timer it acts on; another takes it over after that if it died. Longer
 *     than a publication can take (the producer gives up after 8 s)
 * @param relayAfter how long a saved change's events are left to the instance that saved them before the relay
 *     publishes them: the delay after a crash between the save and the publication
 * @param retryEvery how soon events the broker refused are tried again
 * @param batch how many due timers an instance claims per look
 */
public record TimerSettings(Duration pollEvery, Duration lease, Duration relayAfter, Duration retryEvery, int batch) {

    public TimerSettings {
        pollEvery = pollEvery == null ? Duration.ofMillis(500) : pollEvery;
        lease = lease == null ? Duration.ofSeconds(20) : lease;
        relayAfter = relayAfter == null ? Duration.ofSeconds(5) : relayAfter;
        retryEvery = retryEvery == null ? Duration.ofSeconds(2) : retryEvery;
        batch = batch <= 0 ? 50 : batch;
    }
}
