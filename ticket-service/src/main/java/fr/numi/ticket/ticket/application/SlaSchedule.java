package fr.numi.ticket.ticket.application;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.springframework.stereotype.Component;

/**
 * The deadlines of open first-response clocks, earliest first. Only the head is ever looked at, so
 * checking costs nothing per ticket: no periodic sweep of all tickets.
 */
@Component
public class SlaSchedule {

    private record Entry(Instant at, String ticketId) {}

    private final PriorityQueue<Entry> queue = new PriorityQueue<>((a, b) -> a.at().compareTo(b.at()));
    private final Map<String, Instant> current = new HashMap<>();

    /** Sets (or clears, with null) the next deadline of a ticket. */
    public synchronized void schedule(String ticketId, Instant at) {
        if (at == null) {
            current.remove(ticketId);
            return;
        }
        if (at.equals(current.get(ticketId))) {
            return;
        }
        current.put(ticketId, at);
        queue.add(new Entry(at, ticketId));
    }

    /** Removes and returns the tickets whose deadline has come. Stale entries (rescheduled since) are dropped. */
    public synchronized List<String> takeDue(Instant now) {
        List<String> due = new ArrayList<>();
        while (!queue.isEmpty() && !queue.peek().at().isAfter(now)) {
            Entry entry = queue.poll();
            if (entry.at().equals(current.get(entry.ticketId()))) {
                current.remove(entry.ticketId());
                due.add(entry.ticketId());
            }
        }
        return due;
    }


    public synchronized int size() {
        return current.size();
    }
}
