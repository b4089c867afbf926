package fr.numi.feedback.kpi.application;

import fr.numi.contracts.privacy.CustomerKeys;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * feedback-service's part of an erasure (issue 14, ADR 11). The KPIs hold no contact, name or words (a rating's comment
 * is counted, never kept); what ties them to the person is the customer id of their tickets, replaced by the marker
 * ticket-service uses, so the tickets, ratings and times still count. Then the answer. Idempotent: run again, it changes
 * nothing and answers again. MongoDB or the broker away fails the call; the record is tried again (ADR 6).
 */
@Service
public class ErasePerson {

    /** ticket-service's marker for an erased person: no contact gives it. */
    public static final String ERASED_CUSTOMER = "cus_00000000000000000000000000000000";

    private static final Logger log = LoggerFactory.getLogger(ErasePerson.class);
    private static final Duration AT_MOST = Duration.ofSeconds(30);

    private final TicketKpiStore tickets;
    private final ErasureAnswers answers;
    private final CustomerKeys keys;

    public ErasePerson(TicketKpiStore tickets, ErasureAnswers answers, CustomerKeys keys) {
        this.tickets = tickets;
        this.answers = answers;
        this.keys = keys;
    }

    public Map<String, Long> erase(String erasureId, String customerId) {
        CustomerKeys.await(keys.destroy(customerId), "erasure " + erasureId);
        Map<String, Long> counts = Map.of("kpi_tickets", tickets.forgetCustomer(customerId, ERASED_CUSTOMER).block(AT_MOST));
        answers.completed(erasureId, customerId, counts);
        log.info("erasure {}: feedback's KPIs made anonymous {}", erasureId, counts);
        return counts;
    }
}
