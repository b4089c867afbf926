package fr.numi.triage.corpus;

import com.mongodb.reactivestreams.client.MongoDatabase;
import fr.numi.triage.qualification.persistence.MongoDecisionArchive;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import reactor.core.publisher.Flux;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The archived decisions as corpus lines, for the next training run and for {@code evaluate}: each decision
 * still in the archive, in request-id order, with {@code expected} = the agent's label when an agent corrected it
 * ({@code "corrected": true}), else triage's own decision ({@code "corrected": false}, not learnt from by default),
 * and {@code "triage"} = what triage decided. The lines hold the person's words: the file is personal data. Part of
 * the corpus tooling: it reads the archive's collection, the archive knows nothing of corpus files.
 */
public final class CorrectionsExport {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private CorrectionsExport() {}

    public static List<String> lines(MongoDatabase database, Duration timeout) {
        List<Document> documents = Flux.from(database.getCollection(MongoDecisionArchive.COLLECTION)
                        .find()
                        .sort(new Document("_id", 1)))
                .collectList()
                .block(timeout);
        List<String> lines = new ArrayList<>();
        for (Document d : documents == null ? List.<Document>of() : documents) {
            String line = line(d);
            if (line != null) {
                lines.add(line);
            }
        }
        return lines;
    }

    /** One archived decision as a corpus line; null for a document that lacks its words or its decision. */
    static String line(Document d) {
        Document decision = d.get("decision", Document.class);
        String text = d.getString("text");
        if (decision == null || text == null) {
            return null;
        }
        Document correction = d.get("correction", Document.class);
        Document label = correction != null ? correction : decision;
        String tier = label.getString("cyberTier");
        LabelledRequest labelled = new LabelledRequest(d.getString("_id"), d.getString("channel"), text, label.getInteger("level", 2),
                !LabelledRequest.NONE.equals(tier), tier, label.getString("category"),
                correction != null ? null : decision.getString("urgency"));
        ObjectNode node = (ObjectNode) JSON.readTree(CorpusFile.json(labelled));
        node.put("corrected", correction != null);
        ObjectNode triage = node.putObject("triage");
        triage.put("level", decision.getInteger("level", 0));
        triage.put("category", decision.getString("category"));
        triage.put("cyberTier", decision.getString("cyberTier"));
        triage.put("modelVersion", decision.getString("modelVersion"));
        Date decidedAt = d.getDate("decidedAt");
        if (decidedAt != null) {
            triage.put("decidedAt", decidedAt.toInstant().toString());
        }
        if (correction != null) {
            Date at = correction.getDate("correctedAt");
            node.put("correctedAt", at == null ? null : at.toInstant().toString());
        }
        return JSON.writeValueAsString(node);
    }
}
