package fr.numi.urgency.emergency.application;

import fr.numi.urgency.emergency.content.PlaybookFiles;
import fr.numi.urgency.emergency.domain.Channel;
import fr.numi.urgency.emergency.domain.Page;
import fr.numi.urgency.emergency.domain.TicketSighting;
import fr.numi.urgency.emergency.domain.Urgency;
import fr.numi.urgency.emergency.domain.UrgencyStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.json.JsonMapper;

/** Plain-Java stand-ins for the protocol's ports, for tests of the use case alone. */
final class Fakes {

    private Fakes() {}

    static PlaybookFiles.Content shippedContent() {
        return new PlaybookFiles(JsonMapper.builder().build()).load(new ClassPathResource("urgency/incident-types-fr.json"),
                new ClassPathResource("fr/numi/contracts/urgency/instructions-fr.json"), new ClassPathResource("urgency/orientation-fr.json"));
    }

    /** Same semantics as the Mongo store: one urgency per ticket, conditional claims. */
    static final class Store implements UrgencyStore {

        final Map<String, Urgency> urgencies = new ConcurrentHashMap<>();
        final Map<String, TicketSighting> sightings = new ConcurrentHashMap<>();

        @Override
        public synchronized Optional<Urgency> insertIfAbsent(Urgency urgency) {
            Urgency existing = urgencies.putIfAbsent(urgency.ticketId(), urgency);
            return Optional.ofNullable(existing);
        }

        @Override
        public Optional<Urgency> find(String ticketId) {
            return Optional.ofNullable(urgencies.get(ticketId));
        }

        @Override
        public synchronized Optional<Urgency> claimStalled(String ticketId, Instant now, Instant leaseUntil) {
            return update(ticketId, u -> u.status() == UrgencyStatus.DECLARING && !u.leaseUntil().isAfter(now),
                    u -> new Urgency(u.ticketId(), u.urgencyId(), u.customerId(), u.channel(), u.trigger(), u.triggerEventId(), u.declaredBy(),
                            u.incidentType(), u.incidentTypeSource(), u.revision(), u.status(), u.instructions(), u.orientation(), u.declaration(),
                            u.page(), u.triggeredAt(), u.declaredAt(), u.revisedBy(), u.revisedAt(), leaseUntil));
        }

        @Override
        public synchronized Optional<Urgency> claimAwaiting(String ticketId, Channel channel, Instant leaseUntil) {
            return update(ticketId, u -> u.status() == UrgencyStatus.AWAITING_REQUEST,
                    u -> new Urgency(u.ticketId(), u.urgencyId(), u.customerId(), channel, u.trigger(), u.triggerEventId(), u.declaredBy(),
                            u.incidentType(), u.incidentTypeSource(), u.revision(), UrgencyStatus.DECLARING, u.instructions(), u.orientation(),
                            u.declaration(), u.page(), u.triggeredAt(), u.declaredAt(), u.revisedBy(), u.revisedAt(), leaseUntil));
        }

        private Optional<Urgency> update(String ticketId, Predicate<Urgency> when, java.util.function.UnaryOperator<Urgency> change) {
            Urgency current = urgencies.get(ticketId);
            if (current == null || !when.test(current)) {
                return Optional.empty();
            }
            Urgency changed = change.apply(current);
            urgencies.put(ticketId, changed);
            return Optional.of(changed);
        }

        @Override
        public synchronized void save(Urgency urgency) {
            Page page = urgencies.get(urgency.ticketId()).page();
            urgencies.put(urgency.ticketId(), urgency.withPage(page));
        }

        @Override
        public synchronized boolean saveRevision(Urgency urgency, int expectedRevision) {
            if (urgencies.get(urgency.ticketId()).revision() != expectedRevision) {
                return false;
            }
            save(urgency);
            return true;
        }

        @Override
        public synchronized void savePage(String ticketId, Page page) {
            urgencies.computeIfPresent(ticketId, (id, u) -> u.withPage(page));
        }

        final Map<String, Instant> pageLeases = new ConcurrentHashMap<>();

        @Override
        public synchronized boolean claimPage(String ticketId, Instant now, Instant leaseUntil) {
            Urgency urgency = urgencies.get(ticketId);
            Instant held = pageLeases.get(ticketId);
            if (urgency == null || urgency.page().status() != fr.numi.urgency.emergency.domain.PageStatus.PENDING
                    || held != null && held.isAfter(now)) {
                return false;
            }
            pageLeases.put(ticketId, leaseUntil);
            return true;
        }

        @Override
        public void recordSighting(TicketSighting sighting) {
            sightings.put(sighting.ticketId(), sighting);
        }

        @Override
        public Optional<TicketSighting> findSighting(String ticketId) {
            return Optional.ofNullable(sightings.get(ticketId));
        }

        @Override
        public List<Urgency> findStalled(Instant now) {
            return urgencies.values().stream().filter(u -> u.status() == UrgencyStatus.DECLARING && !u.leaseUntil().isAfter(now)).toList();
        }

        @Override
        public List<Urgency> findUnpaged(Instant declaredBefore) {
            return urgencies.values().stream()
                    .filter(u -> u.status() == fr.numi.urgency.emergency.domain.UrgencyStatus.DECLARED
                            && u.page().status() == fr.numi.urgency.emergency.domain.PageStatus.PENDING
                            && u.declaredAt() != null && u.declaredAt().isBefore(declaredBefore))
                    .toList();
        }
    }

    /** Records what would be published; can be told to fail. */
    static final class Events implements UrgencyEvents {

        final List<NotificationRequest> notifications = new ArrayList<>();
        final List<Declaration> declarations = new ArrayList<>();
        NotificationRequest.Kind failingKind;
        boolean failDeclarations;

        @Override
        public synchronized CompletableFuture<Void> requestNotification(NotificationRequest request) {
            if (request.kind() == failingKind) {
                return CompletableFuture.failedFuture(new org.apache.kafka.common.errors.TimeoutException("broker unreachable"));
            }
            notifications.add(request);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public synchronized void publishDeclared(Declaration declaration) {
            if (failDeclarations) {
                throw new PublicationFailedException("broker did not acknowledge", new RuntimeException("down"));
            }
            declarations.add(declaration);
        }
    }

    /** Records the pages asked for and answers the configured outcome. */
    static final class Pages implements Pager {

        final List<Urgency> paged = new ArrayList<>();
        Outcome outcome = new Outcome(true, 1, null);

        @Override
        public boolean enabled() {
            return true;
        }

        @Override
        public synchronized CompletionStage<Outcome> page(Urgency urgency, String incidentLabel) {
            paged.add(urgency);
            return CompletableFuture.completedFuture(outcome);
        }

        @Override
        public synchronized CompletionStage<Outcome> pageDeliveryFailure(Urgency urgency, String incidentLabel, NotificationRequest.Kind kind,
                String reason) {
            throw new UnsupportedOperationException("not a delivery-failure test");
        }
    }
}
