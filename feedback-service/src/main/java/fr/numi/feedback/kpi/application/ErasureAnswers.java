package fr.numi.feedback.kpi.application;

import java.util.Map;

/** Port: feedback-service's answer to an erasure ({@code feedback.erasure-completed.v1}), acknowledged by the broker on return. */
public interface ErasureAnswers {

    void completed(String erasureId, String customerId, Map<String, Long> counts);
}
