package fr.numi.urgency.emergency.persistence;

import fr.numi.urgency.emergency.domain.Channel;
import fr.numi.urgency.emergency.domain.IncidentType;
import fr.numi.urgency.emergency.domain.IncidentTypeSource;
import fr.numi.urgency.emergency.domain.Page;
import fr.numi.urgency.emergency.domain.PageStatus;
import fr.numi.urgency.emergency.domain.Step;
import fr.numi.urgency.emergency.domain.StepStatus;
import fr.numi.urgency.emergency.domain.TicketSighting;
import fr.numi.urgency.emergency.domain.Trigger;
import fr.numi.urgency.emergency.domain.Urgency;
import fr.numi.urgency.emergency.domain.UrgencyStatus;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;

/**
 * The stored shape of urgencies and sightings, field by field (collections {@code urgencies} and
 * {@code ticket_sightings}, {@code _id} = ticket id). Written by hand so the document stays readable in
 * a Mongo shell and each write says exactly which fields it touches.
 */
final class UrgencyDocuments {

    static final String URGENCIES = "urgencies";
    static final String SIGHTINGS = "ticket_sightings";

    private UrgencyDocuments() {}

    /** Every field but {@code _id} and {@code page}. */
    static Document fields(Urgency u) {
        return new Document()
                .append("urgencyId", u.urgencyId())
                .append("customerId", u.customerId())
                .append("channel", name(u.channel()))
                .append("trigger", u.trigger().name())
                .append("triggerEventId", u.triggerEventId())
                .append("declaredBy", u.declaredBy())
                .append("incidentType", u.incidentType().name())
                .append("incidentTypeSource", u.incidentTypeSource().name())
                .append("revision", u.revision())
                .append("status", u.status().name())
                .append("instructions", step(u.instructions()))
                .append("orientation", step(u.orientation()))
                .append("declaration", step(u.declaration()))
                .append("triggeredAt", date(u.triggeredAt()))
                .append("declaredAt", date(u.declaredAt()))
                .append("revisedBy", u.revisedBy())
                .append("revisedAt", date(u.revisedAt()))
                .append("leaseUntil", date(u.leaseUntil()));
    }

    static Document document(Urgency u) {
        Document document = new Document("_id", u.ticketId());
        document.putAll(fields(u));
        document.append("page", page(u.page()));
        return document;
    }

    static Document page(Page p) {
        return new Document("status", p.status().name()).append("attempts", p.attempts()).append("at", date(p.at())).append("error", p.error());
    }

    static Urgency urgency(Document d) {
        Document page = d.get("page", Document.class);
        return new Urgency(
                d.getString("_id"),
                d.getString("urgencyId"),
                d.getString("customerId"),
                d.getString("channel") == null ? null : Channel.valueOf(d.getString("channel")),
                Trigger.valueOf(d.getString("trigger")),
                d.getString("triggerEventId"),
                d.getString("declaredBy"),
                IncidentType.valueOf(d.getString("incidentType")),
                IncidentTypeSource.valueOf(d.getString("incidentTypeSource")),
                d.getInteger("revision", 1),
                UrgencyStatus.valueOf(d.getString("status")),
                step(d.get("instructions", Document.class)),
                step(d.get("orientation", Document.class)),
                step(d.get("declaration", Document.class)),
                new Page(PageStatus.valueOf(page.getString("status")), page.getInteger("attempts", 0), instant(page.getDate("at")),
                        page.getString("error")),
                instant(d.getDate("triggeredAt")),
                instant(d.getDate("declaredAt")),
                d.getString("revisedBy"),
                instant(d.getDate("revisedAt")),
                instant(d.getDate("leaseUntil")));
    }

    static Document sighting(TicketSighting s) {
        return new Document("customerId", s.customerId())
                .append("channel", s.channel().name())
                .append("textHint", name(s.textHint()))
                .append("receivedAt", date(s.receivedAt()));
    }

    static TicketSighting sighting(Document d) {
        return new TicketSighting(d.getString("_id"), d.getString("customerId"), Channel.valueOf(d.getString("channel")),
                d.getString("textHint") == null ? null : IncidentType.valueOf(d.getString("textHint")), instant(d.getDate("receivedAt")));
    }

    private static Document step(Step s) {
        return new Document("status", s.status().name()).append("id", s.id()).append("at", date(s.at())).append("error", s.error());
    }

    private static Step step(Document d) {
        return new Step(StepStatus.valueOf(d.getString("status")), d.getString("id"), instant(d.getDate("at")), d.getString("error"));
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
