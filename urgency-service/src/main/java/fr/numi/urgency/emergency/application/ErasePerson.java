package fr.numi.urgency.emergency.application;

import fr.numi.contracts.privacy.CustomerKeys;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * urgency-service's part of an erasure (issue 14, ADR 11): it keeps no words; its urgencies stay for the counts without
 * the person's customer id (the marker ticket-service uses instead), and what a provider said when refusing a message to
 * them goes. Then the answer. Idempotent; MongoDB or the broker away fails the call and the record is tried again (ADR 6).
 */
@Service
public class ErasePerson {

    /** ticket-service's marker for an erased person: no contact gives it. */
    public static final String ERASED_CUSTOMER = "cus_00000000000000000000000000000000";

    private static final Logger log = LoggerFactory.getLogger(ErasePerson.class);

    private final UrgencyPersonalData data;
    private final ErasureAnswers answers;
    private final CustomerKeys keys;

    public ErasePerson(UrgencyPersonalData data, ErasureAnswers answers, CustomerKeys keys) {
        this.data = data;
        this.answers = answers;
        this.keys = keys;
    }

    public Map<String, Long> erase(String erasureId, String customerId) {
        CustomerKeys.await(keys.destroy(customerId), "erasure " + erasureId);
        Map<String, Long> counts = data.forget(customerId, ERASED_CUSTOMER);
        answers.completed(erasureId, customerId, counts);
        log.info("erasure {}: urgency's data made anonymous {}", erasureId, counts);
        return counts;
    }
}
