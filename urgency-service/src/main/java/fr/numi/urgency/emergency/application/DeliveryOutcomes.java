package fr.numi.urgency.emergency.application;

import fr.numi.urgency.emergency.application.NotificationRequest.Kind;
import fr.numi.urgency.emergency.domain.DeliveryReport;
import fr.numi.urgency.emergency.domain.DeliveryReport.Status;
import fr.numi.urgency.emergency.domain.Page;
import fr.numi.urgency.emergency.domain.PageStatus;
import fr.numi.urgency.emergency.domain.Playbook;
import fr.numi.urgency.emergency.domain.Step;
import fr.numi.urgency.emergency.domain.Urgency;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * What became of the instructions and the orientation once intake tried to deliver them
 * ({@code intake.delivery-status.v1}). Each status of a message of an urgency's current revision is
 * recorded once (idempotent on the status's event key, ce_source + ce_id; out-of-order statuses never undo a final outcome). The first
 * time a message fails for good, {@code numi_cyber_delivery_failures_total{kind}} counts it and level 3 is
 * paged again: the person did not receive it, call them. Logs carry ticket ids, kinds and intake's
 * reason, never the person's data.
 */
@Service
public class DeliveryOutcomes {

    private static final Logger log = LoggerFactory.getLogger(DeliveryOutcomes.class);
    private static final int ATTEMPTS = 3;

    /** How a status was taken. */
    public enum Result {
        /** Recorded: the message's outcome changed. */
        RECORDED,
        /** Seen before, or superseded by a final outcome already recorded: nothing changed. */
        UNCHANGED,
        /** Not a message of a current urgency (another ticket, an older revision): ignored. */
        IGNORED
    }

    /** A status intake published about a cyber message. */
    public record StatusReported(String notificationId, String ticketId, Kind kind, Status status) {}

    /** The reports of an urgency's two current messages, empty while intake said nothing. */
    public record Reports(Optional<DeliveryReport> instructions, Optional<DeliveryReport> orientation) {

        public static final Reports NONE = new Reports(Optional.empty(), Optional.empty());
    }

    private final UrgencyStore urgencies;
    private final DeliveryReports reports;
    private final Pager pager;
    private final Playbook playbook;
    private final ProtocolSettings settings;
    private final Clock clock;
    private final MeterRegistry meters;

    public DeliveryOutcomes(UrgencyStore urgencies, DeliveryReports reports, Pager pager, Playbook playbook,
            ProtocolSettings settings, Clock clock, MeterRegistry meters) {
        this.urgencies = urgencies;
        this.reports = reports;
        this.pager = pager;
        this.playbook = playbook;
        this.settings = settings;
        this.clock = clock;
        this.meters = meters;
    }

    public Result statusReported(StatusReported reported) {
        Optional<Urgency> found = urgencies.find(reported.ticketId());
        if (found.isEmpty() || !reported.notificationId().equals(step(found.get(), reported.kind()).id())) {
            log.debug("delivery status ignored ticket={} kind={}: not a message of its current urgency", reported.ticketId(), reported.kind());
            return Result.IGNORED;
        }
        Urgency urgency = found.get();
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Optional<DeliveryReport> before = reports.find(reported.notificationId());
            Optional<DeliveryReport> after = before.isEmpty()
                    ? Optional.of(DeliveryReport.first(reported.notificationId(), reported.ticketId(), reported.kind().name(),
                            reported.status(), clock.instant()))
                    : before.get().then(reported.status(), clock.instant());
            if (after.isEmpty()) {
                return Result.UNCHANGED;
            }
            if (reports.save(after.get(), before.map(DeliveryReport::version).orElse(0))) {
                log.info("cyber message delivery ticket={} kind={} outcome={}", urgency.ticketId(), reported.kind(), after.get().outcome());
                if (after.get().asksForFailurePage(before)) {
                    Counter.builder("numi.cyber.delivery.failures")
                            .description("Messages for the person that could not be handed to delivery, or that intake could not deliver")
                            .tag("kind", reported.kind().name())
                            .register(meters)
                            .increment();
                    log.error("cyber message NOT delivered to the person ticket={} kind={} reason={}", urgency.ticketId(), reported.kind(),
                            after.get().reason());
                    page(urgency, after.get());
                }
                return Result.RECORDED;
            }
        }
        // Someone else kept writing this report: let the binder retry the record.
        throw new ConcurrentReportException(reported.notificationId());
    }

    /** The reports of the urgency's current instructions and orientation. */
    public Reports of(Urgency urgency) {
        return new Reports(reports.find(urgency.instructions().id()), reports.find(urgency.orientation().id()));
    }

    /** Sends again the failure pages that stayed pending (the instance died before sending them). */
    public void sweep() {
        for (DeliveryReport unpaged : reports.findUnpaged(clock.instant().minus(settings.pageGrace()))) {
            urgencies.find(unpaged.ticketId()).ifPresent(u -> page(u, unpaged));
        }
    }

    private void page(Urgency urgency, DeliveryReport report) {
        if (!pager.enabled()) {
            reports.saveFailurePage(report.notificationId(), new Page(PageStatus.DISABLED, 0, clock.instant(), null));
            return;
        }
        Instant now = clock.instant();
        if (!reports.claimFailurePage(report.notificationId(), now, now.plus(settings.pageGrace()))) {
            // Another instance (or this one, earlier) is sending it: one page per undelivered message.
            return;
        }
        Kind kind = Kind.valueOf(report.kind());
        pager.pageDeliveryFailure(urgency, playbook.label(urgency.incidentType()), kind, report.reason()).whenCompleteAsync((outcome, error) -> {
            Pager.Outcome result = error == null ? outcome : new Pager.Outcome(false, 0, error.toString());
            if (!result.sent()) {
                Counter.builder("numi.cyber.page.failures").description("Level-3 pages that could not be sent").register(meters).increment();
                log.error("level 3 NOT paged about an undelivered message ticket={} kind={} attempts={} reason={}", urgency.ticketId(), kind,
                        result.attempts(), result.error());
            }
            try {
                reports.saveFailurePage(report.notificationId(), new Page(result.sent() ? PageStatus.SENT : PageStatus.FAILED,
                        result.attempts(), clock.instant(), result.error()));
            } catch (RuntimeException e) {
                log.error("could not record the failure page of ticket={} kind={}: {}", urgency.ticketId(), kind, e.toString());
            }
        });
    }

    private static Step step(Urgency urgency, Kind kind) {
        return switch (kind) {
            case CYBER_INSTRUCTIONS -> urgency.instructions();
            case CYBER_ORIENTATION -> urgency.orientation();
        };
    }
}
