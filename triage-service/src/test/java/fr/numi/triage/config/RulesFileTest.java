package fr.numi.triage.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.numi.contracts.triage.Categories;
import fr.numi.triage.qualification.domain.Category;
import fr.numi.triage.qualification.domain.InvalidRulesException;
import fr.numi.triage.qualification.domain.RuleSet;
import fr.numi.triage.qualification.domain.Urgency;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;

class RulesFileTest {

    @Nested
    class ShippedRules {

        final RuleSet rules = RulesFile.load(new ClassPathResource("triage/rules-v1.json"));

        @Test
        void shouldLoadTheShippedRulesWithAVersion() {
            assertThat(rules.version()).isNotBlank();
            assertThat(rules.fallback().id()).isEqualTo("other");
            assertThat(rules.redButton().cyber()).isTrue();
        }

        @Test
        void shouldDeclareTheCategoriesTheHotlineKnows() {
            assertThat(rules.categories()).extracting(Category::id).contains(
                    "messaging", "device", "account-password", "internet-network", "office-software", "printing",
                    "online-safety-question", "card-fraud", "transfer-scam", "account-takeover", "ransomware",
                    "remote-access-scam", "blackmail", "identity-theft", "other");
        }

        @Test
        void shouldDeclareExactlyTheCategoriesOfTheContractsCatalogueWithTheirLabelsAndLevels() {
            // ticket-service names categories to agents, and accepts corrections, from the contracts' catalogue
            assertThat(rules.categories()).extracting(c -> new Categories.Category(c.id(), c.label(), c.level()))
                    .containsExactlyElementsOf(Categories.french().all());
        }

        @Test
        void shouldPutEveryCyberCategoryOnLevel3WithHighOrCriticalUrgency() {
            assertThat(rules.categories()).filteredOn(Category::cyber).isNotEmpty().allSatisfy(c -> {
                assertThat(c.level()).isEqualTo(3);
                assertThat(c.urgency()).isIn(Urgency.HIGH, Urgency.CRITICAL);
            });
        }
    }

    @Nested
    class BrokenRules {

        @Test
        void shouldListEveryProblemWhenACyberCategoryIsNotLevel3() {
            // given
            String json = rules("""
                    {"id": "card-fraud", "label": "Fraude", "level": 2, "urgency": "NORMAL", "cyber": true, "keywords": {"carte": 1}}""");

            // when / then
            assertThatThrownBy(() -> RulesFile.parse("test.json", bytes(json)))
                    .isInstanceOf(InvalidRulesException.class)
                    .hasMessageContaining("test.json")
                    .hasMessageContaining("categories[0] (card-fraud): a cyber category must be level 3, was 2")
                    .hasMessageContaining("categories[0] (card-fraud): a cyber category must be HIGH or CRITICAL, was NORMAL");
        }

        @Test
        void shouldRefuseAnUnknownUrgencyAndALevelOutOfRange() {
            // given
            String json = rules("""
                    {"id": "printing", "label": "Impression", "level": 4, "urgency": "SOON", "cyber": false, "keywords": {"imprimante": 1}}""");

            // when / then
            assertThatThrownBy(() -> RulesFile.parse("test.json", bytes(json)))
                    .hasMessageContaining("level must be 1, 2 or 3, was 4")
                    .hasMessageContaining("urgency must be one of LOW, NORMAL, HIGH, CRITICAL, was 'SOON'");
        }

        @Test
        void shouldRefuseKeywordsThatAreEmptyOrTheSameOnceNormalisedOrWeightless() {
            // given
            String json = rules("""
                    {"id": "scam", "label": "Arnaque", "level": 3, "urgency": "HIGH", "cyber": true,
                     "keywords": {"arnaque": 1, "ARNAQUÉ": 1, "?!": 1, "escroc": 0}}""");

            // when / then
            assertThatThrownBy(() -> RulesFile.parse("test.json", bytes(json)))
                    .hasMessageContaining("'ARNAQUÉ' is the same as 'arnaque' once normalised")
                    .hasMessageContaining("'?!' has no letters or digits")
                    .hasMessageContaining("'escroc' needs a positive weight, was 0.0");
        }

        @Test
        void shouldRefuseACategoryWithNoKeywordsOtherThanTheFallback() {
            // given
            String json = rules("""
                    {"id": "printing", "label": "Impression", "level": 2, "urgency": "NORMAL", "cyber": false, "keywords": {}}""");

            // when / then
            assertThatThrownBy(() -> RulesFile.parse("test.json", bytes(json)))
                    .hasMessageContaining("categories[0] (printing): has no keywords, so it could never be chosen");
        }

        @Test
        void shouldRefuseDuplicateIdsAndAnUnknownFallback() {
            // given
            String json = """
                    {"version": "1", "fallbackCategory": "nothing", "redButtonCategory": "scam", "urgencyRaisers": {},
                     "categories": [
                       {"id": "scam", "label": "A", "level": 3, "urgency": "HIGH", "cyber": true, "keywords": {"arnaque": 1}},
                       {"id": "scam", "label": "B", "level": 3, "urgency": "HIGH", "cyber": true, "keywords": {"escroc": 1}}]}""";

            // when / then
            assertThatThrownBy(() -> RulesFile.parse("test.json", bytes(json)))
                    .hasMessageContaining("categories[1] (scam): id is declared twice")
                    .hasMessageContaining("fallbackCategory 'nothing' is not a declared category");
        }

        @Test
        void shouldRefuseAnUnknownFieldAsATypo() {
            // given
            String json = rules("""
                    {"id": "printing", "label": "Impression", "level": 2, "urgency": "NORMAL", "cyber": false, "keyword": {"imprimante": 1}}""");

            // when / then
            assertThatThrownBy(() -> RulesFile.parse("test.json", bytes(json)))
                    .isInstanceOf(InvalidRulesException.class)
                    .hasMessageContaining("not a readable rules file")
                    .hasMessageContaining("keyword");
        }

        @Test
        void shouldRefuseAKeywordWrittenTwice() {
            // given
            String json = rules("""
                    {"id": "printing", "label": "Impression", "level": 2, "urgency": "NORMAL", "cyber": false,
                     "keywords": {"imprimante": 1, "imprimante": 2}}""");

            // when / then
            assertThatThrownBy(() -> RulesFile.parse("test.json", bytes(json)))
                    .isInstanceOf(InvalidRulesException.class)
                    .hasMessageContaining("imprimante");
        }

        @Test
        void shouldRefuseAFileThatIsNotJson() {
            assertThatThrownBy(() -> RulesFile.parse("test.json", bytes("{ not json")))
                    .isInstanceOf(InvalidRulesException.class)
                    .hasMessageContaining("not a readable rules file");
        }

        @Test
        void shouldRefuseAnUnknownSignalListAMultiWordSpellingAndATooShortPrefix() {
            // given
            String json = """
                    {"version": "1", "fallbackCategory": "other", "redButtonCategory": "red",
                     "spellings": {"mot de": "motde"}, "signals": {"howto": {"comment": 1}},
                     "categories": [
                       {"id": "red", "label": "Urgence", "level": 3, "urgency": "CRITICAL", "cyber": true, "keywords": {"pc*": 1}},
                       {"id": "other", "label": "Autre", "level": 1, "urgency": "NORMAL", "cyber": false, "keywords": {}}]}""";

            // when / then
            assertThatThrownBy(() -> RulesFile.parse("test.json", bytes(json)))
                    .hasMessageContaining("signals.howto is not a known signal list")
                    .hasMessageContaining("spellings: 'mot de' must be one word once normalised")
                    .hasMessageContaining("'pc*' is a prefix of fewer than 3 letters");
        }

        @Test
        void shouldRefuseACyberQuestionCategoryAndANegativeThreshold() {
            // given
            String json = """
                    {"version": "1", "fallbackCategory": "other", "redButtonCategory": "red", "questionCategory": "red",
                     "cyberThreshold": -1,
                     "categories": [
                       {"id": "red", "label": "Urgence", "level": 3, "urgency": "CRITICAL", "cyber": true, "keywords": {"urgence cyber": 1}},
                       {"id": "other", "label": "Autre", "level": 1, "urgency": "NORMAL", "cyber": false, "keywords": {}}]}""";

            // when / then
            assertThatThrownBy(() -> RulesFile.parse("test.json", bytes(json)))
                    .hasMessageContaining("questionCategory 'red' must not be cyber")
                    .hasMessageContaining("cyberThreshold must be zero or positive, was -1.0");
        }

        private static String rules(String category) {
            return """
                    {"version": "1", "fallbackCategory": "other", "redButtonCategory": "red", "urgencyRaisers": {"urgent": 1},
                     "categories": [%s,
                       {"id": "red", "label": "Urgence", "level": 3, "urgency": "CRITICAL", "cyber": true, "keywords": {"urgence cyber": 1}},
                       {"id": "other", "label": "Autre", "level": 1, "urgency": "NORMAL", "cyber": false, "keywords": {}}]}"""
                    .formatted(category);
        }

        private static byte[] bytes(String json) {
            return json.getBytes(StandardCharsets.UTF_8);
        }
    }

    @Nested
    class StartUp {

        final ApplicationContextRunner context = new ApplicationContextRunner()
                .withUserConfiguration(TriageConfiguration.class, PropertiesOnly.class);

        @Test
        void shouldFailStartUpNamingTheProblemWhenTheRulesFileIsInvalid() {
            context.withPropertyValues("numi.triage.rules=classpath:triage/rules-broken.json",
                    "numi.triage.model=classpath:triage/model-v1.json").run(ctx -> {
                assertThat(ctx).hasFailed();
                assertThat(ctx.getStartupFailure())
                        .rootCause()
                        .isInstanceOf(InvalidRulesException.class)
                        .hasMessageContaining("rules-broken.json")
                        .hasMessageContaining("a cyber category must be level 3, was 2");
            });
        }

        @Test
        void shouldStartWithTheShippedRulesAndModel() {
            context.withPropertyValues("numi.triage.rules=classpath:triage/rules-v1.json",
                    "numi.triage.model=classpath:triage/model-v1.json").run(ctx -> {
                assertThat(ctx).hasNotFailed();
                assertThat(ctx.getBean(TriageProperties.class).publishTimeout()).isEqualTo(Duration.ofSeconds(10));
                assertThat(ctx.getBean(TriageProperties.class).decisionRetention()).isEqualTo(Duration.ofDays(180));
                assertThat(ctx.getBean(RuleSet.class).categories()).isNotEmpty();
                assertThat(ctx.getBean(fr.numi.triage.qualification.domain.Triage.class).modelVersion()).isNotBlank();
            });
        }

        @Test
        void shouldFailStartUpNamingTheFileAndTheFaultWhenTheModelIsCorrupt() {
            context.withPropertyValues("numi.triage.rules=classpath:triage/rules-v1.json",
                    "numi.triage.model=classpath:triage/model-broken.json").run(ctx -> {
                assertThat(ctx).hasFailed();
                assertThat(ctx.getStartupFailure())
                        .rootCause()
                        .isInstanceOf(InvalidModelException.class)
                        .hasMessageContaining("model-broken.json")
                        .hasMessageContaining("rows[1] (w:virement) level must be 3 numbers");
            });
        }

        @Configuration(proxyBeanMethods = false)
        @EnableConfigurationProperties(TriageProperties.class)
        static class PropertiesOnly {}
    }
}
