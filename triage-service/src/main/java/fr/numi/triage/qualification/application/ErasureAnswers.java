package fr.numi.triage.qualification.application;

import java.util.Map;

/** Port: triage-service's answer to an erasure ({@code triage.erasure-completed.v1}), acknowledged by the broker on return. */
public interface ErasureAnswers {

    void completed(String erasureId, String customerId, Map<String, Long> counts);
}
