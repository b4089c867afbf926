package fr.numi.urgency.emergency.application;

import java.util.Map;

/** Port: urgency-service's answer to an erasure ({@code urgency.erasure-completed.v1}), acknowledged by the broker on return. */
public interface ErasureAnswers {

    void completed(String erasureId, String customerId, Map<String, Long> counts);
}
