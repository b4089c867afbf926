package fr.numi.triage.qualification.application;

import fr.numi.triage.qualification.domain.ContactRecord;
import java.util.List;

/**
 * Port: triage's own memory of each person's recent contacts (decisions only, never words), kept in
 * triage's database. Both calls block until the store answers and throw when it cannot, so the
 * message is retried.
 */
public interface ContactHistory {

    /** The person's remembered contacts, oldest first; empty when none. */
    List<ContactRecord> recall(String customerId);

    /** Remembers one contact; remembering the same request id again changes nothing. */
    void remember(String customerId, ContactRecord contact);

    /** Forgets the person's contacts (an erasure); how many documents went (0 the second time). */
    long forget(String customerId);
}
