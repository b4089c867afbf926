package fr.numi.urgency.emergency.application;

import fr.numi.urgency.emergency.domain.DeliveryReport;
import fr.numi.urgency.emergency.domain.Page;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What intake reported of each message for the person, in urgency-service's own database (one record
 * per notification id). No transactions: every write is conditional on the version read.
 */
public interface DeliveryReports {

    Optional<DeliveryReport> find(String notificationId);

    /**
     * Writes the report if the stored one is still at {@code expectedVersion} (0: none stored yet);
     * false when someone wrote in between.
     */
    boolean save(DeliveryReport report, int expectedVersion);

    /** Records what came of the failure page (the version moves on, so a concurrent {@link #save} reads again). */
    void saveFailurePage(String notificationId, Page page);

    /** As {@link UrgencyStore#claimPage}, for the failure page of a message intake could not deliver. */
    boolean claimFailurePage(String notificationId, Instant now, Instant leaseUntil);

    /** Reports whose failure page has been pending since before {@code before}. */
    List<DeliveryReport> findUnpaged(Instant before);
}
