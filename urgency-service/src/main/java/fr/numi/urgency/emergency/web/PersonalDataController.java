package fr.numi.urgency.emergency.web;

import fr.numi.contracts.privacy.CustomerExport;
import fr.numi.contracts.privacy.CustomerExport.Part;
import fr.numi.urgency.emergency.application.UrgencyPersonalData;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * urgency-service's part of a person's export (role DPO, SecurityConfiguration), read by intake-service, which puts
 * every service's part together ({@code GET /api/v1/privacy/customers/{id}} there). An unknown person has an empty part.
 */
@RestController
class PersonalDataController {

    private final UrgencyPersonalData export;

    PersonalDataController(UrgencyPersonalData export) {
        this.export = export;
    }

    @Operation(summary = "What urgency-service keeps on a person (role DPO): their urgencies, sightings and delivery reports")
    @GetMapping(CustomerExport.PATH)
    Mono<Part> part(@PathVariable @Pattern(regexp = "cus_[0-9a-f]{32}", message = "Un identifiant client est de la forme cus_ suivi de 32 chiffres hexadécimaux.")
            String customerId) {
        return (CustomerExport.namesAPerson(customerId) ? export.export(customerId) : Mono.just(Map.<String, List<Map<String, Object>>>of()))
                .map(collections -> new Part("urgency-service", customerId, collections));
    }
}
