package fr.numi.feedback.kpi.persistence;

import fr.numi.feedback.kpi.domain.TicketKpis;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

/** One ticket's KPI state in collection {@code kpi_tickets}: {@code _id} is the ticket id. */
@Document(TicketKpiDocument.COLLECTION)
record TicketKpiDocument(@Id String id, @Version Long storeVersion, TicketKpis.Snapshot kpis) {

    static final String COLLECTION = "kpi_tickets";
}
