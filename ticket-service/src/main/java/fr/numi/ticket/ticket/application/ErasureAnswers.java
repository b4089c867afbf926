package fr.numi.ticket.ticket.application;

import java.util.Map;

/** Port: ticket-service's answer to an erasure ({@code ticket.erasure-completed.v1}), acknowledged by the broker on return. */
public interface ErasureAnswers {

    void completed(String erasureId, String customerId, Map<String, Long> counts);
}
