package fr.numi.triage.qualification.web;

import fr.numi.triage.qualification.application.QualifyRequest;
import fr.numi.triage.qualification.domain.Situation;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Lets an agent or a rules author see what triage would decide, without publishing anything. */
@RestController
@RequestMapping("/api/v1/triage")
class PreviewController {

    private final QualifyRequest qualifyRequest;

    PreviewController(QualifyRequest qualifyRequest) {
        this.qualifyRequest = qualifyRequest;
    }

    @PostMapping("/preview")
    DecisionView preview(@Valid @RequestBody PreviewBody body) {
        Situation situation = new Situation(body.subject(), body.text(), Boolean.TRUE.equals(body.redButton()));
        return DecisionView.of(qualifyRequest.preview(situation));
    }
}
