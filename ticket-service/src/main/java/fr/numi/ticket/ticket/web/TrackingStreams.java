package fr.numi.ticket.ticket.web;

import fr.numi.ticket.ticket.application.TicketUpdates;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Live change signals per ticket, for the people watching it. Signals come from this instance's own
 * changes and from the lifecycle topic (changes made by other instances); a stream only exists while
 * someone watches.
 */
@Component
class TrackingStreams implements TicketUpdates {

    private final Map<String, Sinks.Many<String>> sinks = new ConcurrentHashMap<>();

    @Override
    public void changed(String ticketId) {
        Sinks.Many<String> sink = sinks.get(ticketId);
        if (sink != null) {
            sink.tryEmitNext(ticketId);
        }
    }

    Flux<String> watch(String ticketId) {
        Sinks.Many<String> sink = sinks.computeIfAbsent(ticketId, id -> Sinks.many().multicast().directBestEffort());
        return sink.asFlux().doFinally(signal -> {
            if (sink.currentSubscriberCount() == 0) {
                sinks.remove(ticketId, sink);
            }
        });
    }

}
