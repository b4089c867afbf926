package fr.numi.ticket.ticket.persistence;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import fr.numi.contracts.retention.RetentionPurge;
import fr.numi.ticket.ticket.domain.TicketStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Retention of conversations (docs/privacy.md "Retention"): a ticket closed (or merged into another) for longer than
 * {@code numi.retention.conversations} (12 months) is anonymised by {@link #anonymiseClosedTicket}: what names or
 * quotes the person goes, what the KPIs count stays. An open ticket is never touched, however old.
 *
 * <p>Idempotent and safe beside the tickets' own writes: the update is conditional on the stored version it read and on
 * the ticket still being closed since before the cut-off, and it moves the version on, so a concurrent change of the
 * ticket either wins (and the ticket is looked at again next run) or reloads the anonymised ticket.
 */
@Component
class MongoTicketRetention implements RetentionPurge {

    /** The statuses of a ticket nobody works on any more; {@code updatedAt} is then the moment it was closed or merged. */
    static final List<String> CLOSED = List.of(TicketStatus.CLOSED.name(), TicketStatus.MERGED.name());

    private final ReactiveMongoTemplate mongo;
    private final Duration retention;
    private final StartupIndexes indexes;

    MongoTicketRetention(ReactiveMongoTemplate mongo, StartupIndexes indexes, @Value("${numi.retention.conversations}") Duration retention) {
        this.mongo = mongo;
        this.retention = retention;
        this.indexes = indexes;
    }

    /**
     * On MongoDB, the purge reads closed tickets by status and time through this index rather than scanning
     * {@code tickets} every period (the embedded Mongo-wire server scans anyway, ADR 7). Not made is not fatal: the
     * purge is right without it, only slower; made in the background ({@link StartupIndexes}).
     */
    @EventListener(ApplicationReadyEvent.class)
    void createIndex() {
        indexes.make("index status_updated_at on " + TicketDocument.COLLECTION, mongo.indexOps(TicketDocument.COLLECTION)
                .createIndex(new Index().on("status", Sort.Direction.ASC).on("updatedAt", Sort.Direction.ASC).named("status_updated_at")));
    }

    @Override
    public String kind() {
        return "tickets";
    }

    @Override
    public Mono<Long> purge(Instant now) {
        Date cutOff = Date.from(now.minus(retention));
        Bson due = Filters.and(Filters.in("status", CLOSED), Filters.lt("updatedAt", cutOff), Filters.exists("anonymisedAt", false));
        return mongo.getCollection(TicketDocument.COLLECTION)
                .flatMapMany(tickets -> Flux.from(tickets.find(due)))
                .concatMap(ticket -> anonymiseClosedTicket(ticket, cutOff, now))
                .filter(Boolean::booleanValue)
                .count();
    }

    /**
     * Anonymises one closed ticket: the person's name, contacts, customer id and tracking tokens; in every line of its
     * timeline the text, the author, the attachments' references and who sent it; triage's reasons (they quote the
     * person's words); the pointers that would lead the person's next message or tracking link to it (they then start a
     * new ticket). Kept: the ticket id, channel, level, urgency, category, status, its timestamps and counters, the kind
     * and time of each timeline line.
     *
     * @return whether this run anonymised it (false: it changed meanwhile, and is looked at again next run)
     */
    Mono<Boolean> anonymiseClosedTicket(Document ticket, Date cutOff, Instant now) {
        String id = ticket.getString("_id");
        Bson unchanged = Filters.and(Filters.eq("_id", id), Filters.eq("storeVersion", ticket.get("storeVersion")),
                Filters.in("status", CLOSED), Filters.lt("updatedAt", cutOff));
        List<Bson> anonymised = new ArrayList<>(List.of(
                Updates.set("name", null),
                Updates.set("contacts", List.of()),
                Updates.set("customerId", null),
                Updates.set("trackingTokenHashes", List.of()),
                Updates.set("timeline", anonymousTimeline(ticket.getList("timeline", Document.class, List.of()))),
                Updates.set("anonymisedAt", Date.from(now)),
                Updates.inc("storeVersion", 1L)));
        if (ticket.get("triage") instanceof Document) {
            anonymised.add(Updates.set("triage.reasons", List.of()));
        }
        if (ticket.get("cyberUrgency") instanceof Document) {
            anonymised.add(Updates.set("cyberUrgency.customerId", null));
        }
        Mono<Void> pointers = Mono.when(
                deletePointers(MongoTicketStore.CONVERSATIONS, id),
                deletePointers(MongoTicketStore.TOKENS, id));
        return pointers.then(mongo.getCollection(TicketDocument.COLLECTION)
                .flatMap(tickets -> Mono.from(tickets.updateOne(unchanged, Updates.combine(anonymised))))
                .map(result -> result.getModifiedCount() == 1));
    }

    private static List<Document> anonymousTimeline(List<Document> timeline) {
        List<Document> kept = new ArrayList<>();
        for (Document entry : timeline) {
            Document line = new Document(entry);
            for (String personal : List.of("text", "author", "requestRef", "customerId", "trackingTokenHash")) {
                line.put(personal, null);
            }
            line.put("attachments", List.of());
            kept.add(line);
        }
        return kept;
    }

    private Mono<Void> deletePointers(String collection, String ticketId) {
        return mongo.getCollection(collection).flatMap(c -> Mono.from(c.deleteMany(Filters.eq("ticketId", ticketId)))).then();
    }
}
