package fr.numi.ticket.ticket.application;

import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * Port: what ticket-service keeps on a person, for their export (issue 14, item 3): per collection, their documents
 * (their tickets with the conversation: their messages, agents' replies and notes; their conversation pointer).
 */
public interface PersonalDataExport {

    Mono<Map<String, List<Map<String, Object>>>> of(String customerId);
}
