package fr.numi.triage.support;

import fr.numi.triage.qualification.application.DecisionArchive;
import fr.numi.triage.qualification.application.TriageCorrection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The decision archive as maps, for unit tests of the use cases (integration tests use the real Mongo-wire server). */
public final class InMemoryDecisionArchive implements DecisionArchive {

    public final Map<String, ArchivedDecision> decisions = new ConcurrentHashMap<>();
    public final Map<String, TriageCorrection> corrections = new ConcurrentHashMap<>();

    @Override
    public void archive(ArchivedDecision decision) {
        decisions.put(decision.requestId(), decision);
    }

    @Override
    public int correct(List<String> requestIds, TriageCorrection correction) {
        int found = 0;
        for (String id : requestIds) {
            if (decisions.containsKey(id)) {
                found++;
                corrections.merge(id, correction, (old, now) -> now.correctedAt().isBefore(old.correctedAt()) ? old : now);
            }
        }
        return found;
    }

    @Override
    public long forget(String customerId) {
        List<String> theirs = decisions.values().stream().filter(d -> customerId.equals(d.customerId())).map(ArchivedDecision::requestId).toList();
        theirs.forEach(id -> {
            decisions.remove(id);
            corrections.remove(id);
        });
        return theirs.size();
    }
}
