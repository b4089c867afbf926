package fr.numi.triage.qualification.application;

import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;

/** Port: what triage keeps on a person, for their export (issue 14, item 3): per collection, their documents. */
public interface PersonalDataExport {

    Mono<Map<String, List<Map<String, Object>>>> of(String customerId);
}
