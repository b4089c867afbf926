package fr.numi.triage.qualification.application;

import fr.numi.contracts.privacy.CustomerKeys;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * triage-service's part of an erasure (issue 14, ADR 11): the person's key again (it also empties this instance's
 * cache), their archived decisions with the words they were taken on, and their contact history; then the answer.
 * Idempotent: run again, it deletes nothing and answers again. MongoDB or the broker away fails the call; the record is
 * tried again (ADR 6).
 */
@Service
public class ErasePerson {

    private static final Logger log = LoggerFactory.getLogger(ErasePerson.class);

    private final DecisionArchive decisions;
    private final ContactHistory history;
    private final ErasureAnswers answers;
    private final CustomerKeys keys;

    public ErasePerson(DecisionArchive decisions, ContactHistory history, ErasureAnswers answers, CustomerKeys keys) {
        this.decisions = decisions;
        this.history = history;
        this.answers = answers;
        this.keys = keys;
    }

    public Map<String, Long> erase(String erasureId, String customerId) {
        CustomerKeys.await(keys.destroy(customerId), "erasure " + erasureId);
        Map<String, Long> counts = Map.of("decisions", decisions.forget(customerId), "contact_histories", history.forget(customerId));
        answers.completed(erasureId, customerId, counts);
        log.info("erasure {}: triage's data erased {}", erasureId, counts);
        return counts;
    }
}
