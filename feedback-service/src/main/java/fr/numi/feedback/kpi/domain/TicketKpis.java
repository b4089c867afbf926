package fr.numi.feedback.kpi.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What feedback-service knows about one ticket, built from its events: the moments that define the
 * KPIs (reception, first answer, escalation, resolution, reopening, cyber declaration, level-3
 * pickup) and its rating. Idempotent: the ids of the events applied are kept with it, so an event
 * read twice changes nothing and yields no fact. Plain Java; persisted as one document per ticket.
 */
public final class TicketKpis {

    public static final String SATISFIED_FROM = "4";

    private final String ticketId;
    private final Set<String> appliedEventIds;
    private String customerId;
    private String channel;
    private Integer level;
    private String category;
    private boolean cyber;
    private Instant receivedAt;
    private Instant qualifiedAt;
    private Integer qualifiedLevel;
    private String qualifiedCategory;
    private Instant firstResponseAt;
    private Integer firstResponseLevel;
    private Instant firstEscalatedAt;
    private Instant firstResolvedAt;
    private Integer resolvedLevel;
    private String resolvedCategory;
    private Boolean firstContactAtResolution;
    private Instant firstReopenedAt;
    private Instant closedAt;
    private Instant cyberSince;
    private Instant level3ClaimedAt;
    private RatingState rating;
    private SurveyState survey;
    private Instant lastEventAt;

    private TicketKpis(String ticketId, Set<String> appliedEventIds) {
        this.ticketId = Objects.requireNonNull(ticketId, "ticketId");
        this.appliedEventIds = appliedEventIds;
    }

    public static TicketKpis start(String ticketId) {
        return new TicketKpis(ticketId, new LinkedHashSet<>());
    }

    // ------------------------------------------------------------------ events

    /** A lifecycle change of the ticket. */
    public Outcome apply(TicketChange e, KpiRules rules, Instant now) {
        if (!appliedEventIds.add(e.eventId())) {
            return Outcome.DUPLICATE;
        }
        List<KpiFact> facts = new ArrayList<>();
        facts.add(new KpiFact.StatusReached(e.status()));
        customerId = e.customerId() != null ? e.customerId() : customerId;
        channel = e.channel() != null ? e.channel() : channel;
        if (receivedAt == null && e.receivedAt() != null) {
            receivedAt = e.receivedAt();
        }
        if (e.level() != null && (level == null || e.level() > level)) {
            level = e.level();
        }
        if (e.category() != null) {
            category = e.category();
        }
        lastEventAt = later(lastEventAt, e.occurredAt());
        if (e.cyber()) {
            becameCyber(e.occurredAt(), facts);
        }
        switch (e.kind()) {
            case RECEIVED -> facts.add(new KpiFact.TicketReceived(channel));
            case QUALIFIED -> {
                if (qualifiedAt == null) {
                    qualifiedAt = e.occurredAt();
                    qualifiedLevel = level;
                    qualifiedCategory = category;
                    facts.add(new KpiFact.TicketQualified(level, channel, category));
                }
            }
            case ESCALATED -> firstEscalatedAt = earlier(firstEscalatedAt, e.occurredAt());
            case CLAIMED -> {
                if (Integer.valueOf(3).equals(e.level()) && level3ClaimedAt == null) {
                    level3ClaimedAt = e.occurredAt();
                    pickedUp(facts);
                }
            }
            case REOPENED -> reopened(e.occurredAt(), rules, facts);
            case CLOSED -> {
                boolean first = closedAt == null;
                closedAt = earlier(closedAt, e.occurredAt());
                if (first) {
                    surveyOnClose(e.occurredAt(), rules, now, facts);
                }
            }
            default -> { }
        }
        if (e.kind().publicAnswer() && firstResponseAt == null) {
            firstResponseAt = e.occurredAt();
            firstResponseLevel = level;
            if (receivedAt != null) {
                facts.add(new KpiFact.FirstResponded(nonNegative(receivedAt, firstResponseAt), level, channel));
            }
        }
        if (e.kind() == LifecycleKind.RESOLVED && firstResolvedAt == null) {
            resolved(e.occurredAt(), rules, now, facts);
        }
        return new Outcome(false, facts);
    }

    /** The person's rating, through intake. One rating counts per ticket: the first. */
    public Outcome rate(RatingGiven r) {
        if (!appliedEventIds.add(r.eventId())) {
            return Outcome.DUPLICATE;
        }
        lastEventAt = later(lastEventAt, r.ratedAt());
        if (rating != null) {
            return rating.feedbackId().equals(r.feedbackId())
                    ? new Outcome(true, List.of())
                    : new Outcome(false, List.of(new KpiFact.RatingIgnored("already-rated")));
        }
        rating = new RatingState(r.feedbackId(), r.rating().stars(), r.ratedAt(), null, null, null, null, r.withComment());
        if (firstResolvedAt == null) {
            return new Outcome(false, List.of(new KpiFact.RatingParked()));
        }
        return new Outcome(false, List.of(countRating(r.ratedAt())));
    }

    /** urgency-service declared a cyber emergency on the ticket. */
    public Outcome declareCyber(CyberUrgencyDeclared d) {
        if (!appliedEventIds.add(d.eventId())) {
            return Outcome.DUPLICATE;
        }
        List<KpiFact> facts = new ArrayList<>();
        lastEventAt = later(lastEventAt, d.declaredAt());
        becameCyber(d.declaredAt(), facts);
        return new Outcome(false, facts);
    }

    /** The survey request was written to Kafka. */
    public void surveyPublished() {
        if (survey != null) {
            survey = new SurveyState(survey.surveyId(), survey.requestedAt(), true);
        }
    }

    // ------------------------------------------------------------------ rules

    private void becameCyber(Instant at, List<KpiFact> facts) {
        cyber = true;
        if (cyberSince == null) {
            cyberSince = at;
            facts.add(new KpiFact.CyberUrgencyStarted(channel));
            pickedUp(facts);
        } else if (at.isBefore(cyberSince)) {
            cyberSince = at;
        }
    }

    private void pickedUp(List<KpiFact> facts) {
        if (cyberSince != null && level3ClaimedAt != null) {
            facts.add(new KpiFact.Level3PickedUp(nonNegative(cyberSince, level3ClaimedAt), channel));
        }
    }

    private void resolved(Instant at, KpiRules rules, Instant now, List<KpiFact> facts) {
        firstResolvedAt = at;
        resolvedLevel = level;
        resolvedCategory = category;
        firstContactAtResolution = firstEscalatedAt == null && firstReopenedAt == null;
        facts.add(new KpiFact.TicketResolved(receivedAt == null ? null : nonNegative(receivedAt, at), level, channel, category,
                firstContactAtResolution));
        if (rating != null && rating.countedAt() == null) {
            facts.add(countRating(at));
        }
    }

    /**
     * The survey is asked once the ticket closes (the person confirmed « c'est réglé », or nobody answered
     * within the week): one question at a time, never while « Est-ce réglé ? » waits for its answer.
     */
    private void surveyOnClose(Instant at, KpiRules rules, Instant now, List<KpiFact> facts) {
        if (rating == null && survey == null && !at.plus(rules.surveyMaxAge()).isBefore(now)) {
            survey = new SurveyState(ticketId + ":survey-requested", now, false);
            facts.add(new KpiFact.SurveyDue());
        }
    }

    private void reopened(Instant at, KpiRules rules, List<KpiFact> facts) {
        boolean first = firstReopenedAt == null;
        firstReopenedAt = earlier(firstReopenedAt, at);
        if (first && Boolean.TRUE.equals(firstContactAtResolution)
                && !at.isAfter(firstResolvedAt.plus(rules.reopenVoidsFirstContactWithin()))) {
            facts.add(new KpiFact.FirstContactVoided(resolvedLevel, channel));
        }
    }

    private KpiFact countRating(Instant at) {
        rating = new RatingState(rating.feedbackId(), rating.stars(), rating.ratedAt(), later(at, rating.ratedAt()), level, channel,
                category, rating.withComment());
        return new KpiFact.RatingCounted(rating.stars(), level, channel, category, rating.withComment());
    }

    /**
     * Whether the ticket counts as solved at first contact, as known at this time: first resolved,
     * with no escalation before, and not reopened within the window after it.
     */
    public boolean firstContactResolution(KpiRules rules) {
        return firstResolvedAt != null && Boolean.TRUE.equals(firstContactAtResolution)
                && (firstReopenedAt == null || firstReopenedAt.isAfter(firstResolvedAt.plus(rules.reopenVoidsFirstContactWithin())));
    }

    private static Duration nonNegative(Instant from, Instant to) {
        Duration d = Duration.between(from, to);
        return d.isNegative() ? Duration.ZERO : d;
    }

    private static Instant earlier(Instant current, Instant candidate) {
        return current == null || candidate.isBefore(current) ? candidate : current;
    }

    private static Instant later(Instant current, Instant candidate) {
        return current == null || candidate.isAfter(current) ? candidate : current;
    }

    // ------------------------------------------------------------------ state

    /** What applying an event did: nothing (already applied) or these new facts. */
    public record Outcome(boolean duplicate, List<KpiFact> facts) {

        static final Outcome DUPLICATE = new Outcome(true, List.of());

        public Outcome {
            facts = List.copyOf(facts);
        }
    }

    /**
     * The rating of the ticket.
     *
     * @param countedAt when it started to count (null while parked: the ticket is not resolved yet)
     */
    public record RatingState(
            String feedbackId, int stars, Instant ratedAt, Instant countedAt, Integer level, String channel, String category,
            boolean withComment) {

        public boolean satisfied() {
            return stars >= Integer.parseInt(SATISFIED_FROM);
        }
    }

    /** The survey request (outbox: written with the ticket, published after). */
    public record SurveyState(String surveyId, Instant requestedAt, boolean published) {}

    /** The whole state, to store and restore. */
    public record Snapshot(
            String ticketId,
            List<String> appliedEventIds,
            String customerId,
            String channel,
            Integer level,
            String category,
            boolean cyber,
            Instant receivedAt,
            Instant qualifiedAt,
            Integer qualifiedLevel,
            String qualifiedCategory,
            Instant firstResponseAt,
            Integer firstResponseLevel,
            Instant firstEscalatedAt,
            Instant firstResolvedAt,
            Integer resolvedLevel,
            String resolvedCategory,
            Boolean firstContactAtResolution,
            Instant firstReopenedAt,
            Instant closedAt,
            Instant cyberSince,
            Instant level3ClaimedAt,
            RatingState rating,
            SurveyState survey,
            Instant lastEventAt) {}

    public Snapshot snapshot() {
        return new Snapshot(ticketId, List.copyOf(appliedEventIds), customerId, channel, level, category, cyber, receivedAt, qualifiedAt,
                qualifiedLevel, qualifiedCategory, firstResponseAt, firstResponseLevel, firstEscalatedAt, firstResolvedAt, resolvedLevel,
                resolvedCategory, firstContactAtResolution, firstReopenedAt, closedAt, cyberSince, level3ClaimedAt, rating, survey,
                lastEventAt);
    }

    public static TicketKpis restore(Snapshot s) {
        TicketKpis t = new TicketKpis(s.ticketId(), new LinkedHashSet<>(s.appliedEventIds() == null ? List.of() : s.appliedEventIds()));
        t.customerId = s.customerId();
        t.channel = s.channel();
        t.level = s.level();
        t.category = s.category();
        t.cyber = s.cyber();
        t.receivedAt = s.receivedAt();
        t.qualifiedAt = s.qualifiedAt();
        t.qualifiedLevel = s.qualifiedLevel();
        t.qualifiedCategory = s.qualifiedCategory();
        t.firstResponseAt = s.firstResponseAt();
        t.firstResponseLevel = s.firstResponseLevel();
        t.firstEscalatedAt = s.firstEscalatedAt();
        t.firstResolvedAt = s.firstResolvedAt();
        t.resolvedLevel = s.resolvedLevel();
        t.resolvedCategory = s.resolvedCategory();
        t.firstContactAtResolution = s.firstContactAtResolution();
        t.firstReopenedAt = s.firstReopenedAt();
        t.closedAt = s.closedAt();
        t.cyberSince = s.cyberSince();
        t.level3ClaimedAt = s.level3ClaimedAt();
        t.rating = s.rating();
        t.survey = s.survey();
        t.lastEventAt = s.lastEventAt();
        return t;
    }

    public String ticketId() {
        return ticketId;
    }

    public String customerId() {
        return customerId;
    }

    /** An erasure: the ticket's KPIs stay, under {@code marker} instead of the person's customer id. */
    public void forgetCustomer(String marker) {
        customerId = marker;
    }

    public String channel() {
        return channel;
    }

    public Integer level() {
        return level;
    }

    public Instant firstResolvedAt() {
        return firstResolvedAt;
    }

    public SurveyState survey() {
        return survey;
    }

    /** A survey request written with the ticket and not yet published. */
    public boolean surveyPending() {
        return survey != null && !survey.published();
    }
}
