package fr.numi.triage.qualification.application;

import fr.numi.triage.qualification.domain.Decision;
import java.util.List;

/**
 * Port: triage's archive of its decisions with the words they were taken on (personal data, kept for a limited
 * time), so that an agent's correction can become a labelled example for the next training run. Calls block
 * until the store answers and throw when it cannot, so the message is retried.
 */
public interface DecisionArchive {

    /**
     * A decision and what it was taken on.
     *
     * @param text the subject and the words as triage read them
     */
    record ArchivedDecision(String requestId, String ticketId, String customerId, String channel, String text, Decision decision) {}

    /** Keeps a decision; the same request id again replaces the decision, never an agent's correction. */
    void archive(ArchivedDecision decision);

    /**
     * Labels the decisions of these requests with an agent's correction; a correction older than the one already
     * recorded changes nothing, so redeliveries and reorderings are harmless.
     *
     * @return how many of the requests had a decision in the archive (older ones have expired)
     */
    int correct(List<String> requestIds, TriageCorrection correction);

    /** Deletes the person's decisions and the words they were taken on (an erasure); how many went (0 the second time). */
    long forget(String customerId);
}
