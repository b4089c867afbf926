package fr.numi.ticket.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The ticket aggregate and its state machine. Plain Java: every change goes through a method here,
 * which records the timeline, the events to publish and the id of the event that caused it, so that
 * a redelivered event changes nothing.
 *
 * <p>Events from different topics may arrive in any order: a triage decision that comes before the
 * request it qualifies is kept and applied when the request arrives.
 */
public final class Ticket {

    private final String id;
    private String customerId;
    private String channel;
    private String trackingTokenHash;
    private TicketStatus status;
    private Integer level;
    private Urgency urgency;
    private String category;
    private boolean cyber;
    private TriageDecision triage;
    private Instant receivedAt;
    private Instant updatedAt;
    private int version;
    private final List<TimelineEntry> timeline;
    private final Set<String> processedEventIds;
    private final List<TicketEvent> outbox;

    private Ticket(String id, List<TimelineEntry> timeline, Set<String> processedEventIds, List<TicketEvent> outbox) {
        this.id = Objects.requireNonNull(id, "id");
        this.timeline = timeline;
        this.processedEventIds = processedEventIds;
        this.outbox = outbox;
    }

    /** A ticket nothing has happened to yet (the first event about it may be a request or a decision). */
    public static Ticket open(String id) {
        return new Ticket(id, new ArrayList<>(), new LinkedHashSet<>(), new ArrayList<>());
    }

    /** Rebuilds a stored ticket. */
    public static Ticket restore(Snapshot s) {
        Ticket ticket = new Ticket(s.id(), new ArrayList<>(s.timeline()), new LinkedHashSet<>(s.processedEventIds()), new ArrayList<>(s.outbox()));
        ticket.customerId = s.customerId();
        ticket.channel = s.channel();
        ticket.trackingTokenHash = s.trackingTokenHash();
        ticket.status = s.status();
        ticket.level = s.level();
        ticket.urgency = s.urgency();
        ticket.category = s.category();
        ticket.cyber = s.cyber();
        ticket.triage = s.triage();
        ticket.receivedAt = s.receivedAt();
        ticket.updatedAt = s.updatedAt();
        ticket.version = s.version();
        return ticket;
    }

    /**
     * The request that opens this ticket arrived.
     *
     * @return false when this event was already applied (nothing changed)
     */
    public boolean receive(String eventId, RequestFacts facts, Instant now) {
        if (!processedEventIds.add(eventId)) {
            return false;
        }
        if (status != null) {
            // A second opening request for the same reference: recorded, not applied twice.
            return true;
        }
        customerId = facts.customerId();
        channel = facts.channel();
        trackingTokenHash = facts.trackingTokenHash();
        receivedAt = facts.receivedAt();
        moveTo(TicketStatus.RECEIVED, TicketEvent.Kind.RECEIVED, eventId, now);
        timeline.add(new TimelineEntry(facts.receivedAt(), "RECEIVED", true,
                facts.redButton() ? "Demande urgente reçue (bouton rouge)" : "Demande reçue"));
        if (triage != null) {
            applyTriage(triage, "qualified:" + triage.requestId(), now);
        }
        return true;
    }

    /**
     * triage-service decided on a request of this ticket. The level can go up, never down.
     *
     * @return false when this event was already applied (nothing changed)
     */
    public boolean qualify(String eventId, TriageDecision decision, Instant now) {
        if (!processedEventIds.add(eventId)) {
            return false;
        }
        if (status == null) {
            // The decision overtook the request: keep it until the request arrives.
            triage = decision;
            updatedAt = now;
            return true;
        }
        applyTriage(decision, "qualified:" + decision.requestId(), now);
        return true;
    }

    private void applyTriage(TriageDecision decision, String cause, Instant now) {
        triage = decision;
        timeline.add(new TimelineEntry(decision.decidedAt(), "TRIAGED", false, describe(decision)));
        boolean levelRises = level == null || decision.level() > level;
        if (levelRises) {
            level = decision.level();
        }
        if (urgency == null || decision.urgency().compareTo(urgency) > 0) {
            urgency = decision.urgency();
        }
        if (category == null || levelRises) {
            category = decision.category();
        }
        cyber = cyber || decision.cyber();
        if (status == TicketStatus.RECEIVED) {
            moveTo(TicketStatus.QUALIFIED, TicketEvent.Kind.QUALIFIED, cause, now);
            timeline.add(new TimelineEntry(now, "QUALIFIED", true, "Demande orientée : " + SupportLevel.label(level)));
            enqueue(cause, now);
        } else if (levelRises) {
            timeline.add(new TimelineEntry(now, "ESCALATED", true, "Demande confiée au " + SupportLevel.label(level)));
            enqueue(cause, now);
        }
    }

    private void enqueue(String cause, Instant now) {
        int priority = cyber ? 100 : urgency.priority();
        outbox.add(new TicketEvent(id + ":queued:" + level + ":" + cause, TicketEvent.Kind.QUEUED, status, null,
                level, urgency, category, cyber, version, priority, now));
    }

    private void moveTo(TicketStatus next, TicketEvent.Kind kind, String cause, Instant now) {
        TicketStatus previous = status;
        status = next;
        version++;
        updatedAt = now;
        outbox.add(new TicketEvent(id + ":" + kind.typeName() + ":" + cause, kind, next, previous,
                level, urgency, category, cyber, version, 0, now));
    }

    private static String describe(TriageDecision d) {
        String reasons = d.reasons().stream().map(TriageDecision.Reason::signal).collect(Collectors.joining(", "));
        return "Triage (règles " + d.rulesVersion() + ") : niveau " + d.level() + ", urgence " + d.urgency()
                + ", catégorie " + d.category() + (d.cyber() ? ", URGENCE CYBER" : "")
                + ", confiance " + Math.round(d.confidence() * 100) + " %" + (reasons.isEmpty() ? "" : " ; signaux : " + reasons);
    }

    /** Events recorded but not yet published. */
    public List<TicketEvent> outbox() {
        return Collections.unmodifiableList(outbox);
    }

    /** Whether the person can see this ticket yet (its request has arrived). */
    public boolean isVisible() {
        return status != null;
    }

    public List<TimelineEntry> publicTimeline() {
        return timeline.stream().filter(TimelineEntry::visibleToPerson).toList();
    }

    public String id() { return id; }
    public TicketStatus status() { return status; }
    public Integer level() { return level; }
    public Urgency urgency() { return urgency; }
    public String category() { return category; }
    public boolean cyber() { return cyber; }
    public String customerId() { return customerId; }
    public String channel() { return channel; }
    public int version() { return version; }
    public Instant receivedAt() { return receivedAt; }
    public Instant updatedAt() { return updatedAt; }

    public Snapshot snapshot() {
        return new Snapshot(id, customerId, channel, trackingTokenHash, status, level, urgency, category, cyber, triage,
                receivedAt, updatedAt, version, List.copyOf(timeline), List.copyOf(processedEventIds), List.copyOf(outbox));
    }

    /** Every field of a ticket, for storage. */
    public record Snapshot(
            String id,
            String customerId,
            String channel,
            String trackingTokenHash,
            TicketStatus status,
            Integer level,
            Urgency urgency,
            String category,
            boolean cyber,
            TriageDecision triage,
            Instant receivedAt,
            Instant updatedAt,
            int version,
            List<TimelineEntry> timeline,
            List<String> processedEventIds,
            List<TicketEvent> outbox) {}
}
