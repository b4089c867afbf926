package fr.numi.ticket.ticket.application;

import fr.numi.ticket.ticket.application.TicketTimerStore.Claim;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The outbox relay and the first-response timers, on every instance, from the timers in the database
 * ({@link TicketTimerStore}, docs/adr/0007). Every {@code poll-every}, claims the due timers nobody holds (a lease of
 * {@code lease}) and looks at their ticket: checks its first-response clock (warning at 75 %, breach when due, each
 * once: the ticket's own state says what was fired, and its conditional write lets one instance fire it), publishes
 * what its outbox holds, then lets the timer go or sets it to the ticket's next deadline.
 *
 * <p>No state lives in one process's memory: an instance that dies holding a lease only delays its timers until the
 * lease runs out, then any other instance takes them.
 */
@Component
public class TicketTimers implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TicketTimers.class);

    private final TicketTimerStore timers;
    private final TicketChanges changes;
    private final Clock clock;
    private final TimerSettings settings;
    private final String owner = "ticket-timers-" + UUID.randomUUID();
    private ScheduledExecutorService executor;

    public TicketTimers(TicketTimerStore timers, TicketChanges changes, Clock clock, TimerSettings settings) {
        this.timers = timers;
        this.changes = changes;
        this.clock = clock;
        this.settings = settings;
    }

    @EventListener(ApplicationReadyEvent.class)
    void adoptExistingTickets() {
        try {
            Long adopted = timers.adoptExistingTickets(clock.instant()).block(Duration.ofMinutes(5));
            if (adopted != null && adopted > 0) {
                log.info("timers: {} timer(s) set for tickets stored before timers were", adopted);
            }
        } catch (RuntimeException e) {
            log.warn("timers: stored tickets not adopted yet ({}); the next start tries again", e.toString());
        }
    }

    /** Claims the due timers and acts on each; returns how many it acted on. */
    public int runDue() {
        Instant now = clock.instant();
        Instant leaseUntil = now.plus(settings.lease());
        List<Claim> claims = timers.claimDue(now, leaseUntil, owner, settings.batch()).collectList().block(TicketChanges.STORE_TIMEOUT);
        if (claims == null) {
            return 0;
        }
        boolean brokerAnswers = true;
        int fired = 0;
        for (Claim claim : claims) {
            if (!brokerAnswers || !clock.instant().isBefore(leaseUntil)) {
                // The broker just refused (the rest would wait for it in turn), or the lease ran out: let them go.
                settleQuietly(claim, clock.instant().plus(settings.retryEvery()));
                continue;
            }
            brokerAnswers = fire(claim);
            fired++;
        }
        return fired;
    }

    /** @return false when the broker did not acknowledge the ticket's events */
    private boolean fire(Claim claim) {
        Instant now = clock.instant();
        boolean held;
        try {
            held = Boolean.TRUE.equals(timers.holdTicket(claim.ticketId(), now, now.plus(settings.lease()), owner)
                    .block(TicketChanges.STORE_TIMEOUT));
        } catch (RuntimeException e) {
            held = false;
        }
        if (!held) {
            // Another instance acts on this ticket now: this timer's turn comes when it is done.
            settleQuietly(claim, now.plus(settings.pollEvery()));
            return true;
        }
        try {
            return fireHeld(claim);
        } finally {
            try {
                timers.letGoTicket(claim.ticketId(), owner).block(TicketChanges.STORE_TIMEOUT);
            } catch (RuntimeException e) {
                // Its lease runs out by itself.
            }
        }
    }

    private boolean fireHeld(Claim claim) {
        try {
            TicketChanges.Outcome outcome = changes.applyAndPublish(claim.ticketId(), false, t -> t.checkSla(clock.instant()));
            Instant next = outcome == null ? null : outcome.ticket().nextSlaDeadline();
            boolean published = outcome == null || outcome.published();
            switch (claim.kind()) {
                case SLA -> timers.settle(claim, next).block(TicketChanges.STORE_TIMEOUT);
                case OUTBOX -> {
                    if (!published) {
                        timers.settle(claim, clock.instant().plus(settings.retryEvery())).block(TicketChanges.STORE_TIMEOUT);
                        return false;
                    }
                    if (next != null) {
                        // The change that left this timer may have died before moving the deadline's own.
                        timers.slaDueNoLaterThan(claim.ticketId(), next).block(TicketChanges.STORE_TIMEOUT);
                    }
                    timers.settle(claim, null).block(TicketChanges.STORE_TIMEOUT);
                }
            }
            return published;
        } catch (RuntimeException e) {
            log.warn("timer {} of ticket={} failed ({}); tried again", claim.kind(), claim.ticketId(), e.toString());
            settleQuietly(claim, clock.instant().plus(settings.retryEvery()));
            return true;
        }
    }

    private void settleQuietly(Claim claim, Instant next) {
        try {
            timers.settle(claim, next).block(TicketChanges.STORE_TIMEOUT);
        } catch (RuntimeException e) {
            // The lease runs out by itself: the timer is due again then.
        }
    }

    @Override
    public void start() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "ticket-timers"));
        long every = settings.pollEvery().toMillis();
        executor.scheduleWithFixedDelay(this::runDueQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    private void runDueQuietly() {
        try {
            runDue();
        } catch (RuntimeException e) {
            log.warn("timers: look-up failed: {}", e.toString());
        }
    }

    /** Lets the timer at hand finish (its lease would otherwise delay it), then stops. */
    @Override
    public void stop() {
        if (executor == null) {
            return;
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null && !executor.isShutdown();
    }
}
