package fr.numi.feedback.support;

import fr.numi.feedback.kpi.application.ConcurrentKpiUpdateException;
import fr.numi.feedback.kpi.application.PresenceStore;
import fr.numi.feedback.kpi.application.SurveyPublisher;
import fr.numi.feedback.kpi.application.TicketKpiStore;
import fr.numi.feedback.kpi.domain.OpeningHours;
import fr.numi.feedback.kpi.domain.PresenceHour;
import fr.numi.feedback.kpi.domain.TicketKpis;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Fakes of the application's ports for unit tests (the integration tests use the real Mongo-wire server). */
public final class InMemoryStores {

    private InMemoryStores() {}

    public static final class Tickets implements TicketKpiStore {

        private final Map<String, Stored> docs = new ConcurrentHashMap<>();

        @Override
        public Mono<Stored> load(String ticketId) {
            return Mono.justOrEmpty(docs.get(ticketId));
        }

        @Override
        public synchronized Mono<Long> save(TicketKpis.Snapshot kpis, Long storeVersion) {
            Stored current = docs.get(kpis.ticketId());
            if (storeVersion == null ? current != null : current == null || current.storeVersion() != storeVersion) {
                return Mono.error(new ConcurrentKpiUpdateException(kpis.ticketId(), null));
            }
            long next = storeVersion == null ? 0 : storeVersion + 1;
            docs.put(kpis.ticketId(), new Stored(kpis, next));
            return Mono.just(next);
        }

        @Override
        public Flux<TicketKpis.Snapshot> findActiveSince(Instant since) {
            return Flux.fromStream(docs.values().stream().map(Stored::kpis)
                    .filter(k -> k.lastEventAt() != null && !k.lastEventAt().isBefore(since)));
        }

        @Override
        public Flux<TicketKpis.Snapshot> findAwaitingLevel3() {
            return Flux.fromStream(docs.values().stream().map(Stored::kpis)
                    .filter(k -> k.cyberSince() != null && k.level3ClaimedAt() == null && k.firstResolvedAt() == null));
        }

        @Override
        public Mono<Long> countParkedRatings() {
            return Mono.just(docs.values().stream().filter(s -> s.kpis().rating() != null && s.kpis().rating().countedAt() == null).count());
        }

        @Override
        public synchronized Mono<Long> forgetCustomer(String customerId, String marker) {
            long changed = 0;
            for (Stored stored : List.copyOf(docs.values())) {
                if (customerId.equals(stored.kpis().customerId())) {
                    TicketKpis kpis = TicketKpis.restore(stored.kpis());
                    kpis.forgetCustomer(marker);
                    docs.put(kpis.ticketId(), new Stored(kpis.snapshot(), stored.storeVersion() + 1));
                    changed++;
                }
            }
            return Mono.just(changed);
        }

        public TicketKpis.Snapshot get(String ticketId) {
            return docs.get(ticketId).kpis();
        }
    }

    public static final class Presence implements PresenceStore {

        private final Map<String, PresenceHour> hours = new ConcurrentHashMap<>();

        @Override
        public Mono<Void> seen(int level, Instant at) {
            Instant hour = OpeningHours.hourOf(at);
            hours.merge(level + "@" + hour, new PresenceHour(level, hour, at),
                    (a, b) -> a.lastSeenAt().isAfter(b.lastSeenAt()) ? a : b);
            return Mono.empty();
        }

        @Override
        public Flux<PresenceHour> find(Instant from, Instant to) {
            return Flux.fromStream(hours.values().stream().filter(h -> !h.hour().isBefore(from) && h.hour().isBefore(to)));
        }
    }

    public static final class Surveys implements SurveyPublisher {

        public final List<SurveyRequest> published = new ArrayList<>();

        @Override
        public void publish(SurveyRequest request) {
            published.add(request);
        }
    }
}
