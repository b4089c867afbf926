package fr.numi.urgency.emergency.web;

import fr.numi.urgency.emergency.application.DeliveryOutcomes.Reports;
import fr.numi.urgency.emergency.domain.DeliveryReport;
import fr.numi.urgency.emergency.domain.OfficialService;
import fr.numi.urgency.emergency.domain.Page;
import fr.numi.urgency.emergency.domain.Playbook;
import fr.numi.urgency.emergency.domain.Step;
import fr.numi.urgency.emergency.domain.Urgency;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** An urgency as level 3 reads it: what was sent to the person, what to do next, and whether the page went out. */
record UrgencyView(
        String urgencyId,
        String ticketId,
        String status,
        String trigger,
        String declaredBy,
        Instant triggeredAt,
        Instant declaredAt,
        String incidentType,
        String incidentLabel,
        String incidentTypeSource,
        int revision,
        String revisedBy,
        Instant revisedAt,
        String channel,
        InstructionsView instructions,
        OrientationView orientation,
        StepView declaration,
        PageView page) {

    record StepView(String status, String id, Instant at, String error) {

        static StepView of(Step s) {
            return new StepView(s.status().name(), s.id(), s.at(), s.error());
        }
    }

    /**
     * A message for the person: handed to delivery or not ({@code status}, {@code error}: the broker's
     * side), then what intake reported ({@code outcome} SENT, DELIVERED, READ, FAILED, TRACKING_PAGE or
     * OUTBOX, null until it reports; {@code reason}), and the extra level-3 page sent when it failed.
     */
    record DeliveryView(
            String status, String id, Instant at, String error, String outcome, String reason, Instant reportedAt, PageView failurePage) {

        static DeliveryView of(Step s, Optional<DeliveryReport> report) {
            return new DeliveryView(s.status().name(), s.id(), s.at(), s.error(),
                    report.map(r -> r.outcome().name()).orElse(null), report.map(DeliveryReport::reason).orElse(null),
                    report.map(DeliveryReport::at).orElse(null),
                    report.map(DeliveryReport::failurePage).map(PageView::of).orElse(null));
        }
    }

    record InstructionsView(String version, String title, List<String> lines, DeliveryView delivery) {}

    record OrientationStepView(
            int order, String service, String action, String phone, String url, String contact, String hours, String agentNote) {}

    record OrientationView(String version, List<OrientationStepView> steps, DeliveryView delivery) {}

    record PageView(String status, int attempts, Instant at, String error) {

        static PageView of(Page p) {
            return new PageView(p.status().name(), p.attempts(), p.at(), p.error());
        }
    }

    static UrgencyView of(Urgency u, Playbook playbook, Reports reports) {
        var instructions = playbook.instructions(u.incidentType());
        var orientation = playbook.orientation(u.incidentType());
        return new UrgencyView(u.urgencyId(), u.ticketId(), u.status().name(), u.trigger().name(), u.declaredBy(), u.triggeredAt(),
                u.declaredAt(), u.incidentType().name(), playbook.label(u.incidentType()), u.incidentTypeSource().name(), u.revision(),
                u.revisedBy(), u.revisedAt(), u.channel() == null ? null : u.channel().name(),
                new InstructionsView(playbook.instructionsVersion(), instructions.title(), instructions.lines(),
                        DeliveryView.of(u.instructions(), reports.instructions())),
                new OrientationView(playbook.orientationVersion(), orientation.steps().stream().map(s -> {
                    OfficialService service = s.service();
                    return new OrientationStepView(s.order(), service.name(), s.action(), service.phone(), service.url(), service.contact(),
                            service.hours(), s.agentNote());
                }).toList(), DeliveryView.of(u.orientation(), reports.orientation())),
                StepView.of(u.declaration()), PageView.of(u.page()));
    }
}
