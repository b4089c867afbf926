package fr.numi.feedback.kpi.application;

import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;

/** Port: what feedback-service keeps on a person, for their export (issue 14, item 3): per collection, their documents. */
public interface PersonalDataExport {

    Mono<Map<String, List<Map<String, Object>>>> of(String customerId);
}
