package fr.numi.triage.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoCollection;
import fr.numi.triage.support.MongoWireServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

/** {@code export-corrections} against a real Mongo-wire server, as an operator runs it: no Spring, NUMI_MONGO_URI. */
class ExportCorrectionsCommandIT {

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void shouldWriteEveryArchivedDecisionAsACorpusLineLabelledByTheAgentWhenCorrected(@TempDir Path dir) throws Exception {
        // given a database with a corrected decision, a confirmed one and one without words
        String database = "numi-triage-" + UUID.randomUUID();
        try (MongoClient client = MongoClients.create(MongoWireServer.connectionString())) {
            MongoCollection<Document> decisions = client.getDatabase(database).getCollection("decisions");
            insert(decisions, decision("r2", "on m'a demandé de payer pour débloquer mon ordinateur", 2, "device", "NONE")
                    .append("correction", new Document("correctionId", "c1").append("agentId", "alice").append("level", 3)
                            .append("category", "remote-access-scam").append("cyberTier", "EMERGENCY")
                            .append("correctedAt", Date.from(java.time.Instant.parse("2026-11-26T10:00:00Z")))));
            insert(decisions, decision("r1", "mon imprimante ne marche plus", 2, "printing", "NONE"));
            insert(decisions, new Document("_id", "r3").append("decision", new Document("level", 1)));
        }
        Path target = dir.resolve("corrections.jsonl");

        // when
        int exit = ExportCorrectionsCommand.run(new String[] {"export-corrections", target.toString(), "--database=" + database},
                Map.of("NUMI_MONGO_URI", MongoWireServer.connectionString()), stream(out), stream(err));

        // then
        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("2 decisions exported (1 corrected by agents)");
        List<LabelledRequest> lines = CorpusFile.read(target);
        assertThat(lines).extracting(LabelledRequest::id).containsExactly("r1", "r2");
        assertThat(lines.get(1)).isEqualTo(new LabelledRequest("r2", "WEB", "on m'a demandé de payer pour débloquer mon ordinateur", 3, true,
                "EMERGENCY", "remote-access-scam", null));
        assertThat(lines.get(0).urgency()).isEqualTo("NORMAL");
        assertThat(Files.readAllLines(target).get(1)).contains("\"corrected\":true", "\"triage\":{\"level\":2,\"category\":\"device\"");
    }

    @Test
    void shouldExitWith2WithoutTheWordsWhenMongoIsNotThere(@TempDir Path dir) {
        int exit = ExportCorrectionsCommand.run(new String[] {"export-corrections", dir.resolve("x.jsonl").toString()},
                Map.of("NUMI_MONGO_URI", "mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=300&connectTimeoutMS=300"), stream(out), stream(err));

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("export failed:");
    }

    @Test
    void shouldExitWith2WithoutAnOutputFile() {
        assertThat(ExportCorrectionsCommand.run(new String[] {"export-corrections"}, Map.of(), stream(out), stream(err))).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage:", "NUMI_MONGO_URI");
    }

    private static Document decision(String id, String text, int level, String category, String tier) {
        return new Document("_id", id).append("requestId", id).append("ticketId", "NUMI-7K3Q-9XMD").append("channel", "WEB").append("text", text)
                .append("decision", new Document("level", level).append("category", category).append("cyberTier", tier).append("urgency", "NORMAL")
                        .append("modelVersion", "triage-model-test"))
                .append("decidedAt", new Date());
    }

    private static void insert(MongoCollection<Document> collection, Document document) {
        Mono.from(collection.insertOne(document)).block(Duration.ofSeconds(10));
    }

    private static PrintStream stream(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
