package fr.numi.urgency.emergency.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What intake reported of one message for the person (the instructions or the orientation of one
 * revision), kept by urgency-service so level 3 sees it on the urgency. Immutable.
 *
 * @param notificationId the message ({@code <ticket>:urgency:<kind>:r<revision>})
 * @param ticketId the ticket
 * @param kind {@code CYBER_INSTRUCTIONS} or {@code CYBER_ORIENTATION}
 * @param outcome the outcome that stands (the highest-ranked one received)
 * @param reason why it failed or why nothing was sent, as intake said (never personal data), null otherwise
 * @param at when intake reported that outcome
 * @param statusIds the statuses applied so far, by event key ({@code "<ce_source> <ce_id>"}, docs/events.md): a status
 *     seen again changes nothing
 * @param version +1 on every write: writes are conditional on it
 * @param failurePage the extra level-3 page sent because the message failed, null while it has not failed
 */
public record DeliveryReport(
        String notificationId,
        String ticketId,
        String kind,
        DeliveryOutcome outcome,
        String reason,
        Instant at,
        List<String> statusIds,
        int version,
        Page failurePage) {

    public DeliveryReport {
        Objects.requireNonNull(notificationId, "notificationId");
        Objects.requireNonNull(ticketId, "ticketId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(statusIds, "statusIds");
        statusIds = List.copyOf(statusIds);
    }

    /** One status as intake published it; {@code statusId} is its event key ({@code "<ce_source> <ce_id>"}). */
    public record Status(String statusId, DeliveryOutcome outcome, String reason, Instant at) {

        public Status {
            Objects.requireNonNull(statusId, "statusId");
            Objects.requireNonNull(outcome, "outcome");
        }
    }

    /** The first status received for a message. */
    public static DeliveryReport first(String notificationId, String ticketId, String kind, Status status, Instant now) {
        return new DeliveryReport(notificationId, ticketId, kind, status.outcome(), status.reason(), status.at(), List.of(status.statusId()),
                1, status.outcome() == DeliveryOutcome.FAILED ? Page.pending(now) : null);
    }

    public boolean hasSeen(String statusId) {
        return statusIds.contains(statusId);
    }

    /**
     * The report after another status; empty when it changes nothing: a status already applied, or one
     * that arrives after a final outcome (a SENT after a FAILED, a FAILED after a DELIVERED...). The first
     * FAILED asks for a page ({@link #failurePage} pending); a later one does not ask again.
     */
    public Optional<DeliveryReport> then(Status status, Instant now) {
        if (hasSeen(status.statusId()) || !status.outcome().supersedes(outcome)) {
            return Optional.empty();
        }
        List<String> ids = new ArrayList<>(statusIds);
        ids.add(status.statusId());
        Page page = failurePage == null && status.outcome() == DeliveryOutcome.FAILED ? Page.pending(now) : failurePage;
        return Optional.of(new DeliveryReport(notificationId, ticketId, kind, status.outcome(), status.reason(), status.at(), ids,
                version + 1, page));
    }

    /** True when this write is the one that asked for the failure page (so the writer sends it). */
    public boolean asksForFailurePage(Optional<DeliveryReport> before) {
        return failurePage != null && failurePage.status() == PageStatus.PENDING
                && before.map(b -> b.failurePage() == null).orElse(true);
    }

    public DeliveryReport withFailurePage(Page page) {
        return new DeliveryReport(notificationId, ticketId, kind, outcome, reason, at, statusIds, version + 1, page);
    }
}
