package fr.numi.triage.support;

import fr.numi.triage.qualification.application.ContactHistory;
import fr.numi.triage.qualification.domain.ContactRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The contact history as a map, for unit tests of the use case (integration tests use the real Mongo-wire server). */
public final class InMemoryContactHistory implements ContactHistory {

    private final Map<String, List<ContactRecord>> byCustomer = new ConcurrentHashMap<>();

    @Override
    public List<ContactRecord> recall(String customerId) {
        return List.copyOf(byCustomer.getOrDefault(customerId, List.of()));
    }

    @Override
    public void remember(String customerId, ContactRecord contact) {
        List<ContactRecord> contacts = byCustomer.computeIfAbsent(customerId, k -> new ArrayList<>());
        if (contacts.stream().noneMatch(c -> c.requestId().equals(contact.requestId()))) {
            contacts.add(contact);
        }
    }

    @Override
    public long forget(String customerId) {
        return byCustomer.remove(customerId) == null ? 0 : 1;
    }
}
