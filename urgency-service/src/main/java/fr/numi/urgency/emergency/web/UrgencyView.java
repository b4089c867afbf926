package fr.numi.urgency.emergency.web;

import fr.numi.urgency.emergency.domain.OfficialService;
import fr.numi.urgency.emergency.domain.Page;
import fr.numi.urgency.emergency.domain.Playbook;
import fr.numi.urgency.emergency.domain.Step;
import fr.numi.urgency.emergency.domain.Urgency;
import java.time.Instant;
import java.util.List;

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

    record InstructionsView(String version, String title, List<String> lines, StepView delivery) {}

    record OrientationStepView(
            int order, String service, String action, String phone, String url, String contact, String hours, String agentNote) {}

    record OrientationView(String version, List<OrientationStepView> steps, StepView delivery) {}

    record PageView(String status, int attempts, Instant at, String error) {

        static PageView of(Page p) {
            return new PageView(p.status().name(), p.attempts(), p.at(), p.error());
        }
    }

    static UrgencyView of(Urgency u, Playbook playbook) {
        var instructions = playbook.instructions(u.incidentType());
        var orientation = playbook.orientation(u.incidentType());
        return new UrgencyView(u.urgencyId(), u.ticketId(), u.status().name(), u.trigger().name(), u.declaredBy(), u.triggeredAt(),
                u.declaredAt(), u.incidentType().name(), playbook.label(u.incidentType()), u.incidentTypeSource().name(), u.revision(),
                u.revisedBy(), u.revisedAt(), u.channel() == null ? null : u.channel().name(),
                new InstructionsView(playbook.instructionsVersion(), instructions.title(), instructions.lines(), StepView.of(u.instructions())),
                new OrientationView(playbook.orientationVersion(), orientation.steps().stream().map(s -> {
                    OfficialService service = s.service();
                    return new OrientationStepView(s.order(), service.name(), s.action(), service.phone(), service.url(), service.contact(),
                            service.hours(), s.agentNote());
                }).toList(), StepView.of(u.orientation())),
                StepView.of(u.declaration()), PageView.of(u.page()));
    }
}
