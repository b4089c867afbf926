package fr.numi.triage.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.numi.triage.qualification.domain.LinearModel;
import fr.numi.triage.qualification.domain.TriageModel;
import fr.numi.triage.support.Rules;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelFileTest {

    @Test
    void shouldReadTheShippedModelWithItsPolicyAndTheRulesVersionItWasTrainedWith() {
        TriageModel model = Rules.model();

        assertThat(model.version()).startsWith("triage-model-");
        assertThat(model.rulesVersion()).isEqualTo(Rules.v1().version());
        assertThat(model.linear().rows()).hasSizeGreaterThan(1_000);
        assertThat(model.policy().suspected()).isLessThan(model.policy().emergency());
    }

    @Test
    void shouldGiveBackTheSameBytesWhenAModelReadFromItsFileIsWrittenAgain() {
        // given
        TriageModel model = Rules.model();
        ModelFile.TrainedOn trainedOn = new ModelFile.TrainedOn(3, "abc", List.of("train.jsonl"), Map.of("epochs", 1));
        String text = ModelFile.write(model, trainedOn);

        // when
        TriageModel read = ModelFile.parse("again", text.getBytes(StandardCharsets.UTF_8), Rules.v1());

        // then
        assertThat(ModelFile.write(read, trainedOn)).isEqualTo(text);
        assertThat(read.linear().rows()).hasSameSizeAs(model.linear().rows());
    }

    @Test
    void shouldNameEveryFaultOfACorruptFile() {
        // given a row with two level weights, a negative idf, a policy out of range and an unknown field
        String json = minimal()
                .replace("\"rows\": [", "\"extra\": 1, \"rows\": [")
                .replace("[\"w:imprimant\", 1.5, [0, 1, -1]", "[\"w:imprimant\", -1, [0, 1]")
                .replace("\"suspected\": 0.2", "\"suspected\": 1.5");

        // when / then
        assertThatThrownBy(() -> ModelFile.parse("model-x.json", bytes(json), Rules.v1()))
                .isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("triage model model-x.json is invalid")
                .hasMessageContaining("unknown field 'extra'")
                .hasMessageContaining("rows[0] (w:imprimant): idf must be positive, was -1.0")
                .hasMessageContaining("rows[0] (w:imprimant) level must be 3 numbers")
                .hasMessageContaining("policy: suspected must be between 0 and 1, was 1.5");
    }

    @Test
    void shouldRefuseAModelTrainedWithAnotherVersionOfTheRulesOrOtherCategories() {
        String otherRules = minimal().replace("\"rulesVersion\": \"" + Rules.v1().version() + "\"", "\"rulesVersion\": \"0.9.0\"");
        String otherCategories = minimal().replace("\"account-password\", ", "");

        assertThatThrownBy(() -> ModelFile.parse("m.json", bytes(otherRules), Rules.v1()))
                .hasMessageContaining("trained with rules 0.9.0 but the rules file is version " + Rules.v1().version());
        assertThatThrownBy(() -> ModelFile.parse("m.json", bytes(otherCategories), Rules.v1()))
                .hasMessageContaining("are not the rules' categories");
    }

    @Test
    void shouldRefuseAFileThatIsNotJsonOrIsEmpty() {
        assertThatThrownBy(() -> ModelFile.parse("m.json", bytes("{ \"rows\": ["), Rules.v1()))
                .isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("m.json")
                .hasMessageContaining("not a readable model file");
        assertThatThrownBy(() -> ModelFile.parse("m.json", bytes("[]"), Rules.v1()))
                .hasMessageContaining("the file is empty or not a JSON object");
    }

    @Test
    void shouldRefuseAFeatureDeclaredTwice() {
        String twice = minimal().replace("\"w:virement\"", "\"w:imprimant\"");

        assertThatThrownBy(() -> ModelFile.parse("m.json", bytes(twice), Rules.v1()))
                .hasMessageContaining("rows[1] (w:imprimant): declared twice");
    }

    @Test
    void shouldWriteWeightsRoundedSoTheFileIsTheModelThatWasMeasured() {
        assertThat(ModelFile.rounded(0.1234567)).isEqualTo(0.12346);
        assertThat(ModelFile.rounded(-0.000001)).isEqualTo(0.0);
        LinearModel.Row row = Rules.model().linear().rows().get(0);
        assertThat(ModelFile.rounded(row.idf())).isEqualTo(row.idf());
    }

    private static String minimal() {
        return """
                {"format": "numi-triage-model/1", "version": "m", "rulesVersion": "%s",
                 "trainedOn": {"cases": 1, "sha256": "x", "files": []}, "settings": {},
                 "policy": {"suspected": 0.2, "emergency": 0.9, "emergencyTier": 0.5, "guardEmergency": 0.5, "levelOne": 0.5, "review": 0.5, "categoryReview": 0.3},
                 "categories": ["account-password", "account-takeover", "blackmail", "card-fraud", "cyber-emergency", "device", "files-backup", "identity-theft", "internet-network", "messaging", "office-software", "online-safety-question", "online-services", "other", "printing", "ransomware", "remote-access-scam", "scam", "transfer-scam"],
                 "bias": {"level": [0, 0, 0], "category": [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], "tier": 0},
                 "rows": [
                   ["w:imprimant", 1.5, [0, 1, -1], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0], 0],
                   ["w:virement", 1.5, [0, 0, 1], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1], 0]
                 ]}""".formatted(Rules.v1().version());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
