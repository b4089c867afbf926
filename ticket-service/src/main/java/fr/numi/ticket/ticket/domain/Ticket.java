package fr.numi.ticket.ticket.domain;

import fr.numi.ticket.ticket.domain.TicketEvent.Recipient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The ticket aggregate and its one state machine. Plain Java: every change goes through a method
 * here, which checks the transition is legal, records the timeline, the events to publish (lifecycle,
 * queue, messages for the person) and, for changes caused by an event, that event's id, so a
 * redelivered event changes nothing.
 *
 * <pre>
 * RECEIVED → QUALIFIED → IN_PROGRESS ⇄ WAITING_FOR_PERSON → RESOLVED → CLOSED
 *                 ↑            │ escalate (level up, back on the queue)   │
 *                 └────────────┘                      REOPENED ←──────────┘ (from RESOLVED or CLOSED)
 * </pre>
 *
 * <p>Events from different topics may arrive in any order: a triage decision that comes before the
 * request it qualifies is kept and applied when the request arrives.
 */
public final class Ticket {

    /** Statuses in which the ticket is still being worked on: new messages from the person join it. */
    public static final Set<TicketStatus> OPEN = EnumSet.of(TicketStatus.RECEIVED, TicketStatus.QUALIFIED,
            TicketStatus.IN_PROGRESS, TicketStatus.WAITING_FOR_PERSON, TicketStatus.REOPENED);

    /** Statuses in which the ticket waits on its level's queue for an agent. */
    public static final Set<TicketStatus> QUEUED = EnumSet.of(TicketStatus.QUALIFIED, TicketStatus.REOPENED);

    /** A message from the person this long after resolution reopens the ticket; later, it opens a new one. */
    public static final Duration REOPEN_WINDOW = Duration.ofDays(7);

    private final String id;
    private String customerId;
    private String channel;
    private final List<String> trackingTokenHashes;
    private TicketStatus status;
    private Integer level;
    private Urgency urgency;
    private String category;
    private boolean cyber;
    private TriageDecision triage;
    private Instant receivedAt;
    private Instant queuedAt;
    private Instant updatedAt;
    private int version;
    private String assignee;
    private final List<String> agentsInvolved;
    private int escalations;
    private int reopenings;
    private boolean waitedForPerson;
    private Instant firstResponseAt;
    private Instant resolvedAt;
    private FirstResponseClock firstResponse;
    private CyberUrgency cyberUrgency;
    private String name;
    private final List<ContactPoint> contacts;
    private final List<String> possibleDuplicates;
    private String linkedTicketId;
    private String mergedInto;
    private String trackingRequestId;
    private boolean trackingLinkSent;
    private boolean resolutionCheckPending;
    private boolean cyberSuspected;
    private boolean needsReview;
    private final List<TimelineEntry> timeline;
    private final Set<String> processedEventIds;
    private final List<TicketEvent> outbox;

    private Ticket(String id, List<String> tokens, List<String> agents, List<ContactPoint> contacts, List<String> duplicates,
            List<TimelineEntry> timeline, Set<String> processed, List<TicketEvent> outbox) {
        this.id = Objects.requireNonNull(id, "id");
        this.trackingTokenHashes = tokens;
        this.agentsInvolved = agents;
        this.contacts = contacts;
        this.possibleDuplicates = duplicates;
        this.timeline = timeline;
        this.processedEventIds = processed;
        this.outbox = outbox;
    }

    /** A ticket nothing has happened to yet (the first event about it may be a request or a decision). */
    public static Ticket open(String id) {
        return new Ticket(id, new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
                new LinkedHashSet<>(), new ArrayList<>());
    }

    /** Rebuilds a stored ticket. */
    public static Ticket restore(Snapshot s) {
        Ticket t = new Ticket(s.id(), new ArrayList<>(s.trackingTokenHashes()), new ArrayList<>(s.agentsInvolved()),
                new ArrayList<>(s.contacts()), new ArrayList<>(s.possibleDuplicates()), new ArrayList<>(s.timeline()),
                new LinkedHashSet<>(s.processedEventIds()), new ArrayList<>(s.outbox()));
        t.customerId = s.customerId();
        t.channel = s.channel();
        t.status = s.status();
        t.level = s.level();
        t.urgency = s.urgency();
        t.category = s.category();
        t.cyber = s.cyber();
        t.triage = s.triage();
        t.receivedAt = s.receivedAt();
        t.queuedAt = s.queuedAt();
        t.updatedAt = s.updatedAt();
        t.version = s.version();
        t.assignee = s.assignee();
        t.escalations = s.escalations();
        t.reopenings = s.reopenings();
        t.waitedForPerson = s.waitedForPerson();
        t.firstResponseAt = s.firstResponseAt();
        t.resolvedAt = s.resolvedAt();
        t.firstResponse = s.firstResponse();
        t.cyberUrgency = s.cyberUrgency();
        t.name = s.name();
        t.linkedTicketId = s.linkedTicketId();
        t.mergedInto = s.mergedInto();
        t.trackingRequestId = s.trackingRequestId();
        t.trackingLinkSent = s.trackingLinkSent();
        t.resolutionCheckPending = s.resolutionCheckPending();
        t.cyberSuspected = s.cyberSuspected();
        t.needsReview = s.needsReview();
        return t;
    }

    // ------------------------------------------------------------------ events from other services

    /**
     * A message of the person for this ticket arrived: it opens the ticket, or joins it (a follow-up on
     * an open ticket; after resolution, a confirmation or a reopening). The person's words, name and
     * contact are kept on the ticket for the agents of its level.
     *
     * @return false when this event was already applied (nothing changed)
     */
    public boolean receive(String eventId, RequestFacts facts, SlaPolicy sla, Instant now) {
        if (!processedEventIds.add(eventId)) {
            return false;
        }
        boolean opening = status == null;
        boolean ownRequest = id.equals(facts.requestRef()) || facts.requestRef() == null;
        remember(facts, now);
        if (opening) {
            openWith(eventId, facts, sla, now);
            return true;
        }
        if (ownRequest && (status == TicketStatus.RECEIVED || QUEUED.contains(status)) && !hasFollowUps()) {
            // Opened by an urgency that overtook this very request: the request only brings its words and link.
            updatedAt = now;
            return true;
        }
        switch (status) {
            case RESOLVED -> {
                PersonAnswers.Answer answer = resolutionCheckPending ? PersonAnswers.read(facts.text()) : PersonAnswers.Answer.NONE;
                if (answer == PersonAnswers.Answer.YES) {
                    confirmedByPerson(eventId, now);
                } else {
                    reopenedByPerson(eventId, answer == PersonAnswers.Answer.NO ? "NOT_SOLVED" : "PERSON_MESSAGE", now);
                }
            }
            case CLOSED -> reopenedByPerson(eventId, "PERSON_MESSAGE", now);
            case WAITING_FOR_PERSON -> {
                firstResponse = firstResponse == null ? null : firstResponse.resume(now);
                timeline.add(new TimelineEntry(now, "FOLLOW_UP", false, "Nouveau message de la personne"));
                moveTo(TicketStatus.IN_PROGRESS, TicketEvent.Kind.RESUMED, eventId, now, assignee, null);
            }
            case MERGED -> event(TicketEvent.Kind.FOLLOWED_UP, eventId, now, null, null, "MERGED_INTO:" + mergedInto, null);
            default -> {
                timeline.add(new TimelineEntry(now, "FOLLOW_UP", false, "Nouveau message de la personne"));
                event(TicketEvent.Kind.FOLLOWED_UP, eventId, now, null, null, null, null);
            }
        }
        return true;
    }

    private boolean hasFollowUps() {
        return timeline.stream().filter(TimelineEntry::personMessage).count() > 1;
    }

    private void openWith(String eventId, RequestFacts facts, SlaPolicy sla, Instant now) {
        customerId = facts.customerId();
        channel = facts.channel();
        receivedAt = facts.receivedAt();
        firstResponse = FirstResponseClock.start(facts.receivedAt(), sla.targetFor(null, null, facts.redButton()), sla.warningRatio());
        moveTo(TicketStatus.RECEIVED, TicketEvent.Kind.RECEIVED, eventId, now, null, null);
        timeline.add(new TimelineEntry(facts.receivedAt(), "RECEIVED", true,
                facts.redButton() ? "Demande urgente reçue (bouton rouge)" : "Demande reçue"));
        if (facts.answeredBy() != null) {
            answeredCall(facts.answeredBy(), eventId, now);
        } else {
            notifyPerson("TICKET_RECEIVED", eventId, now, facts.redButton()
                    ? "Votre alerte " + id + " est bien reçue. Un conseiller spécialisé vous contacte très vite."
                    : "Votre demande " + id + " est bien reçue. Nous l'étudions pour l'orienter vers le bon conseiller.");
        }
        if (triage != null) {
            applyTriage(triage, "qualified:" + triage.requestId(), sla, now);
        }
        if (cyberUrgency != null) {
            applyUrgency(cyberUrgency, null, "urgency:" + cyberUrgency.urgencyId() + ":" + cyberUrgency.revision(), sla, now);
        }
    }

    /** The person's words, name, contact and link, from one of their messages. */
    private void remember(RequestFacts facts, Instant now) {
        if (!trackingTokenHashes.contains(facts.trackingTokenHash())) {
            trackingTokenHashes.add(facts.trackingTokenHash());
            if (trackingRequestId == null) {
                trackingRequestId = facts.requestId();
            }
        }
        if (facts.name() != null && !facts.name().isBlank()) {
            name = facts.name();
        }
        if (facts.contact() != null) {
            rememberContact(facts.contact());
        }
        boolean known = timeline.stream().anyMatch(e -> e.personMessage() && facts.requestId().equals(e.id()));
        if (!known) {
            String words = facts.subject() == null || facts.subject().isBlank() ? facts.text() : facts.subject() + " — " + facts.text();
            timeline.add(new TimelineEntry(facts.receivedAt(), TimelineEntry.PERSON_MESSAGE, true, words, facts.requestId(),
                    facts.name(), facts.channel(), facts.requestRef(), facts.customerId(), facts.attachments(), facts.trackingTokenHash()));
        }
        updatedAt = now;
    }

    private void rememberContact(ContactPoint contact) {
        for (int i = 0; i < contacts.size(); i++) {
            if (contacts.get(i).sameAs(contact)) {
                contacts.set(i, contacts.get(i).merge(contact));
                return;
            }
        }
        contacts.add(contact);
    }

    /**
     * Whether a message of the person may still join this ticket at {@code now}: while it is open, and
     * up to {@link #REOPEN_WINDOW} after its resolution (it then reopens).
     */
    public boolean acceptsMessagesAt(Instant now) {
        if (status == null || isOpen()) {
            return true;
        }
        if (status == TicketStatus.RESOLVED || status == TicketStatus.CLOSED) {
            return resolvedAt != null && now.isBefore(resolvedAt.plus(REOPEN_WINDOW));
        }
        return false;
    }

    /** A call an agent took: the ticket opens held by that agent; answering the call was the first response. */
    private void answeredCall(String agentId, String cause, Instant now) {
        assignee = agentId;
        if (!agentsInvolved.contains(agentId)) {
            agentsInvolved.add(agentId);
        }
        respondFirst(now);
        moveTo(TicketStatus.IN_PROGRESS, TicketEvent.Kind.CLAIMED, "call:" + cause, now, agentId, "CALL_ANSWERED");
        timeline.add(new TimelineEntry(now, "CALL_ANSWERED", true, "Un conseiller a pris votre appel"));
        timeline.add(new TimelineEntry(now, "CLAIMED_BY", false, "Appel pris par " + agentId));
    }

    private void confirmedByPerson(String cause, Instant now) {
        resolutionCheckPending = false;
        moveTo(TicketStatus.CLOSED, TicketEvent.Kind.CLOSED, "confirmed:" + cause, now, null, "PERSON_CONFIRMED");
        timeline.add(new TimelineEntry(now, "CLOSED", true, "Vous avez confirmé que c'est réglé : demande close"));
    }

    /** The person wrote after resolution (within the window): the ticket goes back on its queue. */
    private void reopenedByPerson(String cause, String reason, Instant now) {
        resolutionCheckPending = false;
        reopenings++;
        assignee = null;
        resolvedAt = null;
        String step = "reopened:" + cause;
        moveTo(TicketStatus.REOPENED, TicketEvent.Kind.REOPENED, step, now, null, reason);
        timeline.add(new TimelineEntry(now, "REOPENED", true, "NOT_SOLVED".equals(reason)
                ? "Vous avez indiqué que ce n'est pas réglé : demande rouverte" : "Nouveau message de votre part : demande rouverte"));
        enqueue(step, now);
        notifyPerson("TICKET_REOPENED", step, now, "Votre demande " + id + " a été rouverte : un conseiller la reprend.");
    }

    /**
     * The person confirms from their tracking page whether the resolution holds.
     *
     * @return false when nothing changed (already answered, or the ticket is not resolved)
     */
    public boolean resolutionAnswered(boolean solved, Instant now) {
        if (status != TicketStatus.RESOLVED) {
            return false;
        }
        String cause = "answer:" + version;
        if (solved) {
            confirmedByPerson(cause, now);
        } else {
            reopenedByPerson(cause, "NOT_SOLVED", now);
        }
        return true;
    }

    /**
     * Nobody answered « Est-ce réglé ? » within the reopen window: the ticket closes.
     *
     * @return whether it was closed now
     */
    public boolean closeIfUnanswered(Instant now) {
        if (status != TicketStatus.RESOLVED || resolvedAt == null || now.isBefore(resolvedAt.plus(REOPEN_WINDOW))) {
            return false;
        }
        resolutionCheckPending = false;
        moveTo(TicketStatus.CLOSED, TicketEvent.Kind.CLOSED, "closed:unanswered:" + version, now, null, "NO_ANSWER");
        timeline.add(new TimelineEntry(now, "CLOSED", true, "Demande close"));
        return true;
    }

    /** This ticket continues an earlier conversation of the person that was closed for good. */
    public void continues(String previousTicketId, Instant now) {
        if (previousTicketId == null || previousTicketId.equals(linkedTicketId)) {
            return;
        }
        linkedTicketId = previousTicketId;
        timeline.add(new TimelineEntry(now, "LINKED", false, "Suite d'une demande précédente de la personne : " + previousTicketId));
        updatedAt = now;
    }

    /**
     * Another ticket carries the same contact, but this one's contact is not proven (typed on the web):
     * the two are kept apart, and the agent told, who may merge them.
     *
     * @return whether it was new
     */
    public boolean flagPossibleDuplicate(String otherTicketId, Instant now) {
        if (otherTicketId == null || otherTicketId.equals(id) || possibleDuplicates.contains(otherTicketId)) {
            return false;
        }
        possibleDuplicates.add(otherTicketId);
        timeline.add(new TimelineEntry(now, "POSSIBLE_DUPLICATE", false, "Possiblement la même personne que " + otherTicketId
                + " (même contact, non vérifié) : fusionnez si c'est bien elle."));
        updatedAt = now;
        return true;
    }

    /**
     * The person rated the help they got (the survey, on any channel): the agents read the note and the
     * comment; the person sees their thanks.
     *
     * @return false when this event was already applied
     */
    public boolean rated(String eventId, int rating, String comment, String ratedChannel, Instant at, Instant now) {
        if (!processedEventIds.add(eventId)) {
            return false;
        }
        timeline.add(new TimelineEntry(at, "FEEDBACK", false, "Avis de la personne : " + rating + "/5"
                + (comment == null || comment.isBlank() ? "" : " — « " + comment.strip() + " »"), eventId, name, ratedChannel, null,
                customerId, null));
        timeline.add(new TimelineEntry(at, "FEEDBACK_THANKS", true, "Merci pour votre avis (" + rating + "/5)"));
        updatedAt = now;
        return true;
    }

    /**
     * The person proved a contact of this ticket (a code sent to it, entered on the page).
     *
     * @return false when this event was already applied
     */
    public boolean contactVerified(String eventId, ContactPoint verified, Instant now) {
        if (!processedEventIds.add(eventId)) {
            return false;
        }
        rememberContact(verified);
        timeline.add(new TimelineEntry(now, "CONTACT_VERIFIED", false, "Contact vérifié par un code : " + verified.kind()));
        updatedAt = now;
        return true;
    }

    /**
     * urgency-service declared a cyber emergency (or level 3 revised its type): the ticket is marked,
     * goes to level 3 at the head of the queue, and keeps the instructions and orientation.
     *
     * @return false when this event was already applied
     */
    public boolean markCyberUrgency(String eventId, CyberUrgency declared, SlaPolicy sla, Instant now) {
        if (!processedEventIds.add(eventId)) {
            return false;
        }
        CyberUrgency previous = cyberUrgency;
        if (previous != null && previous.revision() >= declared.revision()) {
            return true;
        }
        if (status == null) {
            cyberUrgency = declared;
            updatedAt = now;
            if (declared.customerId() != null && declared.channel() != null) {
                openFromUrgency(declared, eventId, sla, now);
            }
            return true;
        }
        applyUrgency(declared, previous, eventId, sla, now);
        return true;
    }

    /**
     * The declaration overtook the request (which may wait behind ordinary traffic): the ticket opens
     * now, at level 3 at the head of the queue; the request fills in the tracking link when it comes.
     */
    private void openFromUrgency(CyberUrgency declared, String cause, SlaPolicy sla, Instant now) {
        customerId = declared.customerId();
        channel = declared.channel();
        receivedAt = declared.triggeredAt() != null ? declared.triggeredAt() : declared.declaredAt() != null ? declared.declaredAt() : now;
        firstResponse = FirstResponseClock.start(receivedAt, sla.targetFor(null, null, true), sla.warningRatio());
        moveTo(TicketStatus.RECEIVED, TicketEvent.Kind.RECEIVED, cause, now, null, null);
        timeline.add(new TimelineEntry(receivedAt, "RECEIVED", true, "Demande urgente reçue (bouton rouge)"));
        applyUrgency(declared, null, cause, sla, now);
        if (triage != null) {
            applyTriage(triage, "qualified:" + triage.requestId(), sla, now);
        }
    }

    private void applyUrgency(CyberUrgency declared, CyberUrgency previous, String cause, SlaPolicy sla, Instant now) {
        cyberUrgency = declared;
        if (previous != null) {
            timeline.add(new TimelineEntry(now, "CYBER_URGENCY_REVISED", false, "Type d'incident révisé : " + declared.incidentLabel()));
            event(TicketEvent.Kind.CYBER_URGENCY_MARKED, cause, now, null, null, declared.incidentType(), null);
            return;
        }
        cyber = true;
        urgency = Urgency.CRITICAL;
        if (firstResponse != null) {
            firstResponse = firstResponse.retarget(sla.targetFor(level, urgency, true));
        }
        timeline.add(new TimelineEntry(now, "CYBER_URGENCY", true,
                "Urgence cyber : un expert de niveau 3 s'occupe de votre demande en priorité"));
        if (!declared.instructions().isEmpty()) {
            timeline.add(new TimelineEntry(now, "CYBER_INSTRUCTIONS", true,
                    heading(declared.instructionsTitle()) + "\n" + String.join("\n", declared.instructions())));
        }
        if (!declared.orientation().isEmpty()) {
            timeline.add(new TimelineEntry(now, "CYBER_ORIENTATION", false, "Orientation : " + declared.orientation().stream()
                    .map(s -> s.order() + ". " + s.service() + " — " + s.action() + (s.phone() == null ? "" : " (" + s.phone() + ")"))
                    .collect(Collectors.joining(" ; "))));
        }
        if (declared.deliveryFailed()) {
            timeline.add(new TimelineEntry(now, "DELIVERY_FAILED", false,
                    "ÉCHEC d'envoi des premières consignes ou de l'orientation : à transmettre à la personne par téléphone."));
        }
        event(TicketEvent.Kind.CYBER_URGENCY_MARKED, cause, now, null, null, declared.incidentType(), null);
        int before = level == null ? 0 : level;
        if (before < 3) {
            level = 3;
            if (status == TicketStatus.RECEIVED) {
                moveTo(TicketStatus.QUALIFIED, TicketEvent.Kind.QUALIFIED, cause, now, null, null);
                enqueue(cause, now);
            } else {
                raiseTo(3, Math.max(before, 1), "Urgence cyber (" + declared.incidentLabel() + ")", null, cause, now);
            }
        } else if (QUEUED.contains(status)) {
            enqueue(cause, now);
        }
    }

    /**
     * intake could not deliver a message to the person for good: the agents must reach them another
     * way (for a cyber emergency, by phone, now).
     *
     * @return false when this event was already applied
     */
    public boolean deliveryFailed(String eventId, String notificationKind, String reason, Instant now) {
        if (!processedEventIds.add(eventId)) {
            return false;
        }
        if (status == null) {
            return true;
        }
        boolean cyberMessage = notificationKind != null && notificationKind.startsWith("CYBER_");
        timeline.add(new TimelineEntry(now, cyberMessage ? "DELIVERY_FAILED" : "NOTIFICATION_FAILED", false,
                "ÉCHEC d'envoi à la personne (" + notificationKind + ")" + (reason == null ? "" : " : " + reason)
                        + (cyberMessage ? " — transmettre les consignes par téléphone, maintenant." : " — la prévenir autrement.")));
        event(TicketEvent.Kind.DELIVERY_FAILED, eventId, now, null, null, notificationKind, null);
        return true;
    }

    /**
     * triage-service decided on a request of this ticket. The level can go up, never down.
     *
     * @return false when this event was already applied (nothing changed)
     */
    public boolean qualify(String eventId, TriageDecision decision, SlaPolicy sla, Instant now) {
        if (!processedEventIds.add(eventId)) {
            return false;
        }
        if (status == null) {
            // The decision overtook the request: keep it until the request arrives.
            triage = decision;
            updatedAt = now;
            return true;
        }
        applyTriage(decision, "qualified:" + decision.requestId(), sla, now);
        return true;
    }

    private void applyTriage(TriageDecision decision, String cause, SlaPolicy sla, Instant now) {
        triage = decision;
        timeline.add(new TimelineEntry(decision.decidedAt(), "TRIAGED", false, describe(decision)));
        int before = level == null ? 0 : level;
        boolean levelRises = decision.level() > before;
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
        cyberSuspected = !cyber && (cyberSuspected || decision.suspected());
        needsReview = decision.needsReview() && !cyber;
        if (cyberSuspected) {
            timeline.add(new TimelineEntry(decision.decidedAt(), "CYBER_SUSPECTED", false,
                    "Suspicion cyber : un expert de niveau 3 confirme (le protocole d'urgence démarre) ou écarte."));
        }
        if (needsReview) {
            timeline.add(new TimelineEntry(decision.decidedAt(), "NEEDS_REVIEW", false,
                    "Tri incertain : vérifiez le niveau, la catégorie et le risque cyber, et corrigez-les si besoin."));
        }
        if (firstResponse != null) {
            firstResponse = firstResponse.retarget(sla.targetFor(level, urgency, cyber));
        }
        if (status == TicketStatus.RECEIVED) {
            moveTo(TicketStatus.QUALIFIED, TicketEvent.Kind.QUALIFIED, cause, now, null, null);
            timeline.add(new TimelineEntry(now, "QUALIFIED", true, "Demande orientée : " + SupportLevel.label(level)));
            enqueue(cause, now);
            notifyPerson("TICKET_QUALIFIED", cause, now, "Votre demande " + id + " a été confiée au " + SupportLevel.label(level)
                    + ". Un conseiller va la prendre en charge.");
        } else if (levelRises && before > 0) {
            raiseTo(level, before, "Nouvelle analyse de votre message", null, cause, now);
        }
    }

    // ------------------------------------------------------------------ agent actions

    /** An agent takes the ticket from their level's queue. */
    public void claim(Agent agent, Instant now) {
        requireStatus("claim", QUEUED);
        assignee = agent.id();
        if (!agentsInvolved.contains(agent.id())) {
            agentsInvolved.add(agent.id());
        }
        moveTo(TicketStatus.IN_PROGRESS, TicketEvent.Kind.CLAIMED, "claimed:" + version, now, agent.id(), null);
        timeline.add(new TimelineEntry(now, "CLAIMED", true, "Un conseiller a pris en charge votre demande"));
        timeline.add(new TimelineEntry(now, "CLAIMED_BY", false, "Pris en charge par " + agent.id()));
        notifyPerson("TICKET_CLAIMED", "claimed:" + version, now, "Votre demande " + id + " a été prise en charge par un conseiller.");
    }

    /** A public answer to the person, sent on their channel. The first one stops the first-response clock. */
    public void reply(Agent agent, String text, Instant now) {
        requireStatus("reply to", EnumSet.of(TicketStatus.IN_PROGRESS, TicketStatus.WAITING_FOR_PERSON));
        requireAssigneeOrSupervisor(agent, "reply to");
        Recipient route = replyRoute();
        if (route == null) {
            throw new NoWrittenChannelException(callBackNumber());
        }
        respondFirst(now);
        String cause = "replied:" + version + ":" + timeline.size();
        timeline.add(new TimelineEntry(now, TimelineEntry.AGENT_REPLY, true, text, cause, agent.id(), route.route(), null, null, null));
        event(TicketEvent.Kind.REPLIED, cause, now, agent.id(), null, null, null);
        notifyPerson("AGENT_REPLY", cause, now, text);
    }

    /** An internal note, for agents only. */
    public void addNote(Agent agent, String text, Instant now) {
        if (status == null || status == TicketStatus.CLOSED) {
            throw new IllegalTransitionException("add a note to", status);
        }
        String cause = "note:" + version + ":" + timeline.size();
        timeline.add(new TimelineEntry(now, TimelineEntry.NOTE, false, text, cause, agent.id(), null, null, null, null));
        event(TicketEvent.Kind.NOTE_ADDED, cause, now, agent.id(), null, null, null);
    }

    /** Sends the ticket up to a higher level, back on that level's queue. */
    public void escalate(Agent agent, int toLevel, String reason, Instant now) {
        SupportLevel.check(toLevel);
        requireStatus("escalate", EnumSet.of(TicketStatus.QUALIFIED, TicketStatus.IN_PROGRESS, TicketStatus.WAITING_FOR_PERSON,
                TicketStatus.REOPENED));
        if (level == null || toLevel <= level) {
            throw new IllegalArgumentException("an escalation must raise the level (now " + level + ")");
        }
        int from = level;
        level = toLevel;
        raiseTo(toLevel, from, reason, agent.id(), "escalated:" + version, now);
    }

    private void raiseTo(int toLevel, int from, String reason, String agentId, String cause, Instant now) {
        escalations++;
        assignee = null;
        if (firstResponse != null) {
            firstResponse = firstResponse.resume(now);
        }
        TicketStatus previous = status;
        status = TicketStatus.QUALIFIED;
        version++;
        updatedAt = now;
        outbox.add(new TicketEvent(id + ":" + TicketEvent.Kind.ESCALATED.typeName() + ":" + cause, TicketEvent.Kind.ESCALATED, status,
                previous, level, urgency, category, cyber, version, 0, now, agentId, null, reason, from, null));
        timeline.add(new TimelineEntry(now, "ESCALATED", true, "Demande confiée au " + SupportLevel.label(toLevel)));
        timeline.add(new TimelineEntry(now, "ESCALATION_REASON", false, "Escalade " + from + " → " + toLevel + " : " + reason));
        enqueue(cause, now);
        notifyPerson("TICKET_ESCALATED", cause, now, "Votre demande " + id + " a été confiée au " + SupportLevel.label(toLevel) + ".");
    }

    /** The agent needs something from the person; the SLA clock pauses until they answer. */
    public void waitForPerson(Agent agent, String question, Instant now) {
        requireStatus("wait for the person on", EnumSet.of(TicketStatus.IN_PROGRESS));
        requireAssigneeOrSupervisor(agent, "wait for the person on");
        waitedForPerson = true;
        String cause = "waiting:" + version;
        if (question != null && !question.isBlank()) {
            Recipient route = replyRoute();
            if (route == null) {
                throw new NoWrittenChannelException(callBackNumber());
            }
            respondFirst(now);
            timeline.add(new TimelineEntry(now, TimelineEntry.AGENT_REPLY, true, question, cause, agent.id(), route.route(), null, null, null));
            notifyPerson("WAITING_FOR_PERSON", cause, now, question);
        }
        if (firstResponse != null) {
            firstResponse = firstResponse.pause(now);
        }
        // reason QUESTION: a question went to the person, which counts as a first public answer.
        moveTo(TicketStatus.WAITING_FOR_PERSON, TicketEvent.Kind.WAITING_FOR_PERSON, cause, now, agent.id(),
                question != null && !question.isBlank() ? "QUESTION" : null);
        timeline.add(new TimelineEntry(now, "WAITING", true, "Nous attendons votre réponse"));
    }

    /** The agent resumes work without an answer from the person. */
    public void resume(Agent agent, Instant now) {
        requireStatus("resume", EnumSet.of(TicketStatus.WAITING_FOR_PERSON));
        requireAssigneeOrSupervisor(agent, "resume");
        if (firstResponse != null) {
            firstResponse = firstResponse.resume(now);
        }
        moveTo(TicketStatus.IN_PROGRESS, TicketEvent.Kind.RESUMED, "resumed:" + version, now, agent.id(), null);
    }

    /** The problem is solved. Whether it was solved at first contact is derived from the history. */
    public void resolve(Agent agent, String summary, Instant now) {
        requireStatus("resolve", EnumSet.of(TicketStatus.IN_PROGRESS, TicketStatus.WAITING_FOR_PERSON));
        requireAssigneeOrSupervisor(agent, "resolve");
        respondFirst(now);
        resolvedAt = now;
        String cause = "resolved:" + version;
        boolean fcr = firstContactResolution();
        TicketStatus previous = status;
        status = TicketStatus.RESOLVED;
        version++;
        updatedAt = now;
        outbox.add(new TicketEvent(id + ":" + TicketEvent.Kind.RESOLVED.typeName() + ":" + cause, TicketEvent.Kind.RESOLVED, status,
                previous, level, urgency, category, cyber, version, 0, now, agent.id(), null, null, null, fcr));
        resolutionCheckPending = true;
        timeline.add(new TimelineEntry(now, "RESOLVED", true, summary == null || summary.isBlank() ? "Demande résolue" : "Demande résolue : " + summary));
        notifyPerson("TICKET_RESOLVED", cause, now, "Votre demande " + id + " est résolue."
                + (summary == null || summary.isBlank() ? "" : " " + summary) + " Est-ce réglé ? " + howToAnswerYesOrNo());
    }

    /** The resolution is confirmed: the ticket is closed. */
    public void close(Agent agent, Instant now) {
        requireStatus("close", EnumSet.of(TicketStatus.RESOLVED));
        resolutionCheckPending = false;
        moveTo(TicketStatus.CLOSED, TicketEvent.Kind.CLOSED, "closed:" + version, now, agent.id(), null);
        timeline.add(new TimelineEntry(now, "CLOSED", true, "Demande close"));
    }

    /** The problem came back: the ticket goes back on its level's queue. */
    public void reopen(Agent agent, String reason, Instant now) {
        requireStatus("reopen", EnumSet.of(TicketStatus.RESOLVED, TicketStatus.CLOSED));
        resolutionCheckPending = false;
        reopenings++;
        assignee = null;
        resolvedAt = null;
        String cause = "reopened:" + version;
        moveTo(TicketStatus.REOPENED, TicketEvent.Kind.REOPENED, cause, now, agent.id(), reason);
        timeline.add(new TimelineEntry(now, "REOPENED", true, "Demande rouverte"));
        if (reason != null && !reason.isBlank()) {
            timeline.add(new TimelineEntry(now, "REOPEN_REASON", false, "Réouverture : " + reason));
        }
        enqueue(cause, now);
        notifyPerson("TICKET_REOPENED", cause, now, "Votre demande " + id + " a été rouverte : un conseiller la reprend.");
    }

    /** What an agent set when correcting triage, and what triage had decided. */
    public record TriageCorrection(int levelBefore, String categoryBefore, String tierBefore, int levelAfter, String categoryAfter,
            String tierAfter, List<String> requestIds) {}

    /**
     * An agent corrects triage's decision: level (up or down: a person decided), category, cyber tier.
     * The ticket goes to the corrected level's queue when it waits on one; a cyber emergency confirmed
     * by an agent becomes one (urgency CRITICAL, level 3); the correction is published as labelled
     * data for triage's next training.
     *
     * @return the correction; null when it changes nothing
     */
    public TriageCorrection correctTriage(Agent agent, int newLevel, String newCategory, String newTier, Instant now) {
        SupportLevel.check(newLevel);
        if (status == null || status == TicketStatus.CLOSED || status == TicketStatus.MERGED) {
            throw new IllegalTransitionException("correct the triage of", status);
        }
        if (!List.of(TriageDecision.EMERGENCY, TriageDecision.SUSPECTED, TriageDecision.NONE).contains(newTier)) {
            throw new IllegalArgumentException("cyberTier must be NONE, SUSPECTED or EMERGENCY");
        }
        if (TriageDecision.EMERGENCY.equals(newTier) && newLevel != 3) {
            throw new IllegalArgumentException("a cyber emergency is level 3");
        }
        if (cyberUrgency != null && !TriageDecision.EMERGENCY.equals(newTier)) {
            throw new IllegalArgumentException("a declared cyber urgency stays one: revise its incident type instead");
        }
        String tierBefore = cyber ? TriageDecision.EMERGENCY : cyberSuspected ? TriageDecision.SUSPECTED : TriageDecision.NONE;
        int levelBefore = level == null ? 1 : level;
        String categoryBefore = category == null ? "other" : category;
        String categoryAfter = newCategory == null || newCategory.isBlank() ? null : newCategory;
        if (levelBefore == newLevel && tierBefore.equals(newTier) && (categoryAfter == null || categoryAfter.equals(categoryBefore)) && !needsReview) {
            return null;
        }
        level = newLevel;
        if (categoryAfter != null) {
            category = categoryAfter;
        }
        cyber = TriageDecision.EMERGENCY.equals(newTier);
        cyberSuspected = TriageDecision.SUSPECTED.equals(newTier);
        needsReview = false;
        if (cyber) {
            urgency = Urgency.CRITICAL;
        }
        String cause = "corrected:" + version;
        timeline.add(new TimelineEntry(now, "TRIAGE_CORRECTED", false, "Tri corrigé par " + agent.id() + " : niveau " + levelBefore + " → "
                + newLevel + ", catégorie " + categoryBefore + " → " + category + ", cyber " + tierBefore + " → " + newTier));
        List<String> requestIds = timeline.stream().filter(TimelineEntry::personMessage).map(TimelineEntry::id).filter(Objects::nonNull).toList();
        TriageCorrection correction = new TriageCorrection(levelBefore, categoryBefore, tierBefore, newLevel, categoryAfter, newTier, requestIds);
        version++;
        updatedAt = now;
        outbox.add(new TicketEvent(id + ":" + TicketEvent.Kind.TRIAGE_CORRECTED.typeName() + ":" + cause, TicketEvent.Kind.TRIAGE_CORRECTED,
                status, status, level, urgency, category, cyber, version, 0, now, agent.id(), null, newTier, levelBefore, null, null, null,
                correction));
        if (QUEUED.contains(status) && newLevel != levelBefore) {
            enqueue(cause, now);
        }
        return correction;
    }

    // ------------------------------------------------------------------ merge and split (agents)

    /**
     * An agent merges this ticket into {@code survivorId} (the same person wrote twice). This one stops
     * here: off its queue, its clock stopped, its page saying it was regrouped; its history stays.
     *
     * @return false when it was already merged into that ticket
     */
    public boolean mergeInto(String survivorId, Agent agent, Instant now) {
        if (survivorId.equals(mergedInto)) {
            return false;
        }
        if (status == null || status == TicketStatus.MERGED) {
            throw new IllegalTransitionException("merge", status);
        }
        if (survivorId.equals(id)) {
            throw new IllegalArgumentException("a ticket cannot be merged into itself");
        }
        mergedInto = survivorId;
        assignee = null;
        resolutionCheckPending = false;
        if (firstResponse != null) {
            firstResponse = firstResponse.respond(now);
        }
        String cause = "merged:" + survivorId;
        moveTo(TicketStatus.MERGED, TicketEvent.Kind.MERGED, cause, now, agent.id(), "MERGED_INTO:" + survivorId);
        timeline.add(new TimelineEntry(now, "MERGED", true, "Votre demande a été regroupée avec la demande " + survivorId
                + " : un conseiller suit les deux ensemble."));
        return true;
    }

    /**
     * This ticket takes in what was said on a ticket merged into it: the person's messages (with their
     * attachments), replies, notes and ratings, the contacts, and the level if higher. Its tracking links
     * follow only when it is the same proven person (the same customer, every contact proven): a merge
     * never lets someone who typed a number read another person's conversation.
     *
     * @return false when that ticket was already taken in
     */
    public boolean absorb(Ticket merged, Agent agent, Instant now) {
        if (!processedEventIds.add("absorbed:" + merged.id())) {
            return false;
        }
        if (status == null || status == TicketStatus.MERGED) {
            throw new IllegalTransitionException("merge into", status);
        }
        // Replies and notes are numbered per ticket: an entry is known by its kind, id and moment together.
        java.util.Set<String> known = timeline.stream().filter(TimelineEntry::message).map(Ticket::entryKey)
                .collect(Collectors.toCollection(java.util.HashSet::new));
        for (TimelineEntry e : merged.timeline) {
            if (e.message() && known.add(entryKey(e))) {
                timeline.add(e);
            }
        }
        merged.contacts.forEach(this::rememberContact);
        if (name == null) {
            name = merged.name;
        }
        boolean samePerson = Objects.equals(customerId, merged.customerId) && !merged.contacts.isEmpty()
                && merged.contacts.stream().allMatch(ContactPoint::proven);
        if (samePerson) {
            merged.trackingTokenHashes.stream().filter(h -> !trackingTokenHashes.contains(h)).forEach(trackingTokenHashes::add);
        }
        possibleDuplicates.remove(merged.id());
        int before = level == null ? 0 : level;
        timeline.add(new TimelineEntry(now, "ABSORBED", false, "Demande " + merged.id() + " regroupée ici par " + agent.id()
                + (samePerson ? "" : " (son lien de suivi reste sur sa propre page : contact non vérifié ou autre personne)")));
        cyber = cyber || merged.cyber;
        if (merged.urgency != null && (urgency == null || merged.urgency.compareTo(urgency) > 0)) {
            urgency = merged.urgency;
        }
        event(TicketEvent.Kind.MERGED, "absorbed:" + merged.id(), now, agent.id(), null, "ABSORBED:" + merged.id(), null);
        if (merged.level != null && merged.level > before && before > 0 && EnumSet.of(TicketStatus.QUALIFIED, TicketStatus.IN_PROGRESS,
                TicketStatus.WAITING_FOR_PERSON, TicketStatus.REOPENED).contains(status)) {
            level = merged.level;
            raiseTo(level, before, "Regroupement avec " + merged.id(), agent.id(), "absorbed:" + merged.id(), now);
        }
        return true;
    }

    private static String entryKey(TimelineEntry e) {
        return e.kind() + "|" + e.id() + "|" + e.at();
    }

    /**
     * An agent takes one of the person's messages out of this conversation (it is about something
     * else): it leaves this ticket, with its tracking link, to open a ticket of its own.
     *
     * @return the message taken out
     */
    public TimelineEntry splitOut(String messageId, Agent agent, Instant now) {
        TimelineEntry message = timeline.stream().filter(e -> e.personMessage() && messageId.equals(e.id())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no message of the person with id " + messageId + " on this ticket"));
        if (message.requestRef() == null || message.requestRef().equals(id)) {
            throw new IllegalArgumentException("the message that opened the ticket cannot be split out");
        }
        if (timeline.stream().filter(TimelineEntry::personMessage).count() < 2) {
            throw new IllegalArgumentException("the ticket's only message cannot be split out");
        }
        timeline.remove(message);
        if (message.trackingTokenHash() != null) {
            trackingTokenHashes.remove(message.trackingTokenHash());
        }
        timeline.add(new TimelineEntry(now, "SPLIT", false, "Message du " + message.at() + " déplacé par " + agent.id()
                + " dans une demande à part : " + message.requestRef()));
        event(TicketEvent.Kind.SPLIT, "split:" + messageId, now, agent.id(), null, "SPLIT_OUT:" + message.requestRef(), null);
        return message;
    }

    /**
     * A ticket opened by an agent from a message split out of {@code from}: it carries the message, its
     * link and the person's contacts, and waits on the chosen level's queue.
     *
     * @return false when it was already opened
     */
    public boolean openFromSplit(TimelineEntry message, Ticket from, int atLevel, SlaPolicy sla, Agent agent, Instant now) {
        SupportLevel.check(atLevel);
        if (!processedEventIds.add("split:" + message.id())) {
            return false;
        }
        if (status != null) {
            throw new IllegalTransitionException("open from a split", status);
        }
        customerId = message.customerId() != null ? message.customerId() : from.customerId;
        channel = message.channel() != null ? message.channel() : from.channel;
        name = from.name;
        from.contacts.forEach(this::rememberContact);
        if (message.trackingTokenHash() != null) {
            trackingTokenHashes.add(message.trackingTokenHash());
            trackingRequestId = message.id();
            trackingLinkSent = true;
        }
        receivedAt = message.at();
        level = atLevel;
        urgency = Urgency.NORMAL;
        category = from.category;
        firstResponse = FirstResponseClock.start(message.at(), sla.targetFor(level, urgency, false), sla.warningRatio());
        timeline.add(message);
        String cause = "split:" + message.id();
        moveTo(TicketStatus.RECEIVED, TicketEvent.Kind.RECEIVED, cause, now, agent.id(), "SPLIT_FROM:" + from.id);
        timeline.add(new TimelineEntry(now, "SPLIT_FROM", false, "Message séparé de la demande " + from.id + " par " + agent.id()));
        moveTo(TicketStatus.QUALIFIED, TicketEvent.Kind.QUALIFIED, cause, now, agent.id(), null);
        timeline.add(new TimelineEntry(now, "QUALIFIED", true, "Demande orientée : " + SupportLevel.label(level)));
        enqueue(cause, now);
        notifyPerson("TICKET_QUALIFIED", cause, now, "Votre message a été enregistré comme une demande à part, " + id
                + ", confiée au " + SupportLevel.label(level) + ".");
        return true;
    }

    // ------------------------------------------------------------------ SLA

    /** The next moment the first-response clock needs a look, or null. */
    public Instant nextSlaDeadline() {
        return firstResponse == null || status == null ? null : firstResponse.nextDeadline();
    }

    /**
     * Emits the warning at 75 % of the target and the breach when due, once each.
     *
     * @return whether anything changed
     */
    public boolean checkSla(Instant now) {
        if (firstResponse == null || !firstResponse.running()) {
            return false;
        }
        boolean changed = false;
        if (!firstResponse.warned() && !now.isBefore(firstResponse.warnAt())) {
            firstResponse = firstResponse.markWarned();
            slaEvent(TicketEvent.Kind.SLA_WARNING, now);
            changed = true;
        }
        if (!firstResponse.breached() && !now.isBefore(firstResponse.dueAt())) {
            firstResponse = firstResponse.markBreached();
            slaEvent(TicketEvent.Kind.SLA_BREACHED, now);
            timeline.add(new TimelineEntry(now, "SLA_BREACHED", false, "Délai de première réponse dépassé ("
                    + firstResponse.target().toMinutes() + " min)"));
            changed = true;
        }
        return changed;
    }

    private void slaEvent(TicketEvent.Kind kind, Instant now) {
        updatedAt = now;
        outbox.add(new TicketEvent(id + ":" + kind.typeName(), kind, status, null, level, urgency, category, cyber, version, 0, now,
                assignee, null, "first-response due " + firstResponse.dueAt(), null, null));
    }

    // ------------------------------------------------------------------ helpers

    private void respondFirst(Instant now) {
        if (firstResponseAt == null) {
            firstResponseAt = now;
        }
        if (firstResponse != null) {
            firstResponse = firstResponse.respond(now);
        }
    }

    private boolean firstContactResolution() {
        return escalations == 0 && reopenings == 0 && !waitedForPerson && agentsInvolved.size() <= 1;
    }

    private void requireStatus(String action, Set<TicketStatus> allowed) {
        if (status == null || !allowed.contains(status)) {
            throw new IllegalTransitionException(action, status);
        }
    }

    private void requireAssigneeOrSupervisor(Agent agent, String action) {
        if (!agent.supervisor() && !agent.id().equals(assignee)) {
            throw new NotAssignedException(action, assignee);
        }
    }

    private void enqueue(String cause, Instant now) {
        queuedAt = now;
        // Emergencies first, then suspected cyber (a level-3 look before anything else), then by urgency.
        int priority = cyber ? 100 : cyberSuspected ? 95 : urgency == null ? Urgency.NORMAL.priority() : urgency.priority();
        outbox.add(new TicketEvent(id + ":queued:" + level + ":" + cause, TicketEvent.Kind.QUEUED, status, null,
                level, urgency, category, cyber, version, priority, now, null, null, null, null, null));
    }

    private void moveTo(TicketStatus next, TicketEvent.Kind kind, String cause, Instant now, String agentId, String reason) {
        TicketStatus previous = status;
        status = next;
        version++;
        updatedAt = now;
        outbox.add(new TicketEvent(id + ":" + kind.typeName() + ":" + cause, kind, next, previous,
                level, urgency, category, cyber, version, 0, now, agentId, null, reason, null, null));
    }

    private void event(TicketEvent.Kind kind, String cause, Instant now, String agentId, String text, String reason, Integer fromLevel) {
        version++;
        updatedAt = now;
        outbox.add(new TicketEvent(id + ":" + kind.typeName() + ":" + cause, kind, status, status, level, urgency, category, cyber,
                version, 0, now, agentId, text, reason, fromLevel, null));
    }

    /**
     * How the person answers « Est-ce réglé ? »: on WhatsApp or by SMS they answer the message; an e-mail comes from an
     * address nobody reads, so they answer on their tracking page (whose link every e-mail carries).
     */
    private String howToAnswerYesOrNo() {
        if (!byEmail(replyRoute())) {
            return "Répondez OUI ou NON.";
        }
        return trackingRequestId != null ? "Dites-le-nous sur votre page de suivi (lien ci-dessous)." : "Dites-le-nous sur votre page de suivi.";
    }

    /** Whether messages reach the person by e-mail, which they cannot answer. */
    private static boolean byEmail(Recipient recipient) {
        return recipient != null && "EMAIL".equals(recipient.route());
    }

    /**
     * A message for the person on the route they can be written to ({@link #replyRoute()}); none when
     * they left no written way (the timeline still shows the step). The first message that leaves on
     * WhatsApp or SMS carries the tracking link; every e-mail does, since the person cannot answer an e-mail
     * (it comes from an address nobody reads) and answers on the tracking page.
     */
    private void notifyPerson(String type, String cause, Instant now, String text) {
        Recipient recipient = replyRoute();
        if (recipient == null) {
            return;
        }
        String link = null;
        if (trackingRequestId != null && (byEmail(recipient) || !trackingLinkSent && !"TRACKING_PAGE".equals(recipient.route()))) {
            link = trackingRequestId;
            trackingLinkSent = true;
        }
        outbox.add(new TicketEvent(id + ":notify:" + type + ":" + cause, TicketEvent.Kind.NOTIFICATION, status, null, level, urgency,
                category, cyber, version, 0, now, null, text, type, null, null, recipient, link, null));
    }

    /**
     * How an answer reaches the person: through the contact of their latest message that has a written
     * route (WhatsApp, then SMS, then e-mail, then the tracking page); null when none has.
     */
    public Recipient replyRoute() {
        return contacts.stream()
                .filter(c -> c.bestRoute() != null)
                .max(Comparator.comparing((ContactPoint c) -> c.lastAt() == null ? Instant.MIN : c.lastAt()))
                .map(c -> new Recipient(c.bestRoute(), c.kind(), c.value()))
                .orElse(null);
    }

    /** A phone number to call the person back on, when they left one. */
    public String callBackNumber() {
        return contacts.stream().filter(c -> !"EMAIL".equals(c.kind()) && c.value().startsWith("+")).map(ContactPoint::value)
                .reduce((first, second) -> second).orElse(null);
    }

    /** "Premiers conseils :" or the given title, with a colon unless it already ends a sentence. */
    private static String heading(String title) {
        if (title == null || title.isBlank()) {
            return "Premiers conseils :";
        }
        String t = title.strip();
        return t.endsWith(".") || t.endsWith(":") || t.endsWith("!") ? t : t + " :";
    }

    private static String describe(TriageDecision d) {
        String reasons = d.reasons().stream().map(TriageDecision.Reason::signal).collect(Collectors.joining(", "));
        return "Triage (règles " + d.rulesVersion() + ") : niveau " + d.level() + ", urgence " + d.urgency()
                + ", catégorie " + d.category() + (d.cyber() ? ", URGENCE CYBER" : d.suspected() ? ", suspicion cyber" : "")
                + (d.needsReview() ? ", à vérifier" : "")
                + ", confiance " + Math.round(d.confidence() * 100) + " %" + (reasons.isEmpty() ? "" : " ; signaux : " + reasons);
    }

    // ------------------------------------------------------------------ reads

    /** Events recorded but not yet published. */
    public List<TicketEvent> outbox() {
        return Collections.unmodifiableList(outbox);
    }

    /** Whether the person can see this ticket yet (its request has arrived). */
    public boolean isVisible() {
        return status != null;
    }

    public boolean isOpen() {
        return status != null && OPEN.contains(status);
    }

    public List<TimelineEntry> publicTimeline() {
        return timeline.stream().filter(TimelineEntry::visibleToPerson).toList();
    }

    /** SHA-256 of every tracking token that leads to this ticket (one per request that joined it). */
    public List<String> trackingTokenHashes() {
        return Collections.unmodifiableList(trackingTokenHashes);
    }

    public List<TimelineEntry> timeline() {
        return Collections.unmodifiableList(timeline);
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
    public Instant queuedAt() { return queuedAt; }
    public Instant updatedAt() { return updatedAt; }
    public String assignee() { return assignee; }
    public TriageDecision triage() { return triage; }
    public Instant firstResponseAt() { return firstResponseAt; }
    public FirstResponseClock firstResponseClock() { return firstResponse; }
    public int escalations() { return escalations; }
    public int reopenings() { return reopenings; }
    public CyberUrgency cyberUrgency() { return cyberUrgency; }
    public String name() { return name; }
    public List<ContactPoint> contacts() { return Collections.unmodifiableList(contacts); }
    public List<String> possibleDuplicates() { return Collections.unmodifiableList(possibleDuplicates); }
    public String linkedTicketId() { return linkedTicketId; }
    public String mergedInto() { return mergedInto; }
    public boolean resolutionCheckPending() { return resolutionCheckPending; }
    public Instant resolvedAt() { return resolvedAt; }
    public boolean cyberSuspected() { return cyberSuspected; }
    public boolean needsReview() { return needsReview; }

    /** Time from receipt to the first public answer, when there was one. */
    public Duration firstResponseTime() {
        return firstResponseAt == null || receivedAt == null ? null : Duration.between(receivedAt, firstResponseAt);
    }

    /**
     * The customer id an erased person's tickets keep: no contact gives it (intake's ids are keyed hashes), so a person
     * who writes again from the same contact is a new customer and finds none of these tickets.
     */
    public static final String ERASED_CUSTOMER = "cus_00000000000000000000000000000000";

    /**
     * Erases what names or quotes the person {@code erasedCustomerId} (issue 14, ADR 11), keeping what the hotline
     * counts: id, level, urgency, category, status, times, agents, escalations, ratings' facts. On their own ticket:
     * the customer id (replaced by {@link #ERASED_CUSTOMER}), name, contacts, tracking tokens, triage's reasons, every
     * text of the timeline (the person's messages, agents' replies and notes, system lines that quote them), the
     * attachments' references, and the messages to the person still waiting in the outbox; the other events waiting
     * there lose their texts. On a ticket they only wrote into (a merge): their messages.
     *
     * @return whether anything changed (false once erased: a second erasure is a no-op)
     */
    public boolean erasePerson(String erasedCustomerId) {
        boolean theirs = erasedCustomerId.equals(customerId);
        boolean changed = false;
        if (theirs) {
            customerId = ERASED_CUSTOMER;
            name = null;
            contacts.clear();
            trackingTokenHashes.clear();
            trackingRequestId = null;
            if (triage != null) {
                triage = new TriageDecision(triage.requestId(), triage.level(), triage.urgency(), triage.category(), triage.cyber(),
                        triage.confidence(), List.of(), triage.rulesVersion(), triage.decidedAt(), triage.cyberTier(), triage.needsReview());
            }
            List<TicketEvent> kept = outbox.stream().filter(e -> e.kind() != TicketEvent.Kind.NOTIFICATION).map(TicketEvent::withoutWords).toList();
            outbox.clear();
            outbox.addAll(kept);
            changed = true;
        }
        for (int i = 0; i < timeline.size(); i++) {
            TimelineEntry entry = timeline.get(i);
            if (theirs || erasedCustomerId.equals(entry.customerId())) {
                TimelineEntry erased = entry.erased();
                if (!erased.equals(entry)) {
                    timeline.set(i, erased);
                    changed = true;
                }
            }
        }
        return changed;
    }

    public Snapshot snapshot() {
        return new Snapshot(id, customerId, channel, List.copyOf(trackingTokenHashes), status, level, urgency, category, cyber, triage,
                receivedAt, queuedAt, updatedAt, version, assignee, List.copyOf(agentsInvolved), escalations, reopenings,
                waitedForPerson, firstResponseAt, resolvedAt, firstResponse, cyberUrgency, name, List.copyOf(contacts),
                List.copyOf(possibleDuplicates), linkedTicketId, mergedInto, trackingRequestId, trackingLinkSent, resolutionCheckPending,
                cyberSuspected, needsReview, List.copyOf(timeline), List.copyOf(processedEventIds), List.copyOf(outbox));
    }

    /** Every field of a ticket, for storage. */
    public record Snapshot(
            String id,
            String customerId,
            String channel,
            List<String> trackingTokenHashes,
            TicketStatus status,
            Integer level,
            Urgency urgency,
            String category,
            boolean cyber,
            TriageDecision triage,
            Instant receivedAt,
            Instant queuedAt,
            Instant updatedAt,
            int version,
            String assignee,
            List<String> agentsInvolved,
            int escalations,
            int reopenings,
            boolean waitedForPerson,
            Instant firstResponseAt,
            Instant resolvedAt,
            FirstResponseClock firstResponse,
            CyberUrgency cyberUrgency,
            String name,
            List<ContactPoint> contacts,
            List<String> possibleDuplicates,
            String linkedTicketId,
            String mergedInto,
            String trackingRequestId,
            boolean trackingLinkSent,
            boolean resolutionCheckPending,
            boolean cyberSuspected,
            boolean needsReview,
            List<TimelineEntry> timeline,
            List<String> processedEventIds,
            List<TicketEvent> outbox) {

        public Snapshot {
            contacts = contacts == null ? List.of() : contacts;
            possibleDuplicates = possibleDuplicates == null ? List.of() : possibleDuplicates;
        }
    }
}
