package fr.numi.triage.config;

import fr.numi.triage.qualification.domain.InvalidRulesException;
import fr.numi.triage.qualification.domain.RuleSet;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.Resource;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The shape of a triage rules file ({@code triage/rules-v1.json}) and its loading. Strict on
 * purpose: an unknown field or a key written twice is a mistake in the file, so start-up fails and
 * names it rather than silently ignoring a rule.
 */
public record RulesFile(
        String version,
        String description,
        String fallbackCategory,
        String redButtonCategory,
        String questionCategory,
        Double cyberThreshold,
        Map<String, String> spellings,
        List<String> negations,
        List<String> clauseBreaks,
        Map<String, Double> urgencyRaisers,
        Map<String, Map<String, Double>> signals,
        RepeatContacts repeatContacts,
        List<CategoryEntry> categories) {

    public record RepeatContacts(Integer atLeast, Integer withinMinutes) {}

    public record CategoryEntry(
            String id, String label, Integer level, String urgency, Boolean cyber, Map<String, Double> keywords) {}

    private static final JsonMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** Reads and checks a rules file. @throws InvalidRulesException naming every problem */
    public static RuleSet load(Resource resource) {
        try (InputStream in = resource.getInputStream()) {
            return parse(resource.getDescription(), in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read triage rules " + resource.getDescription(), e);
        }
    }

    /** Checks rules given as JSON bytes; {@code source} names them in errors. */
    public static RuleSet parse(String source, byte[] json) {
        RulesFile file;
        try {
            file = STRICT.readValue(json, RulesFile.class);
        } catch (JacksonException e) {
            throw new InvalidRulesException(source, List.of("not a readable rules file: " + e.getOriginalMessage()));
        }
        if (file == null) {
            throw new InvalidRulesException(source, List.of("the file is empty"));
        }
        List<RuleSet.CategoryDraft> drafts = file.categories() == null
                ? List.of()
                : file.categories().stream()
                        .map(c -> c == null ? null
                                : new RuleSet.CategoryDraft(c.id(), c.label(), c.level(), c.urgency(), c.cyber(), c.keywords()))
                        .toList();
        RuleSet.RepeatDraft repeat = file.repeatContacts() == null
                ? null
                : new RuleSet.RepeatDraft(file.repeatContacts().atLeast(), file.repeatContacts().withinMinutes());
        return RuleSet.from(source, new RuleSet.Draft(
                file.version(),
                file.fallbackCategory(),
                file.redButtonCategory(),
                file.questionCategory(),
                file.cyberThreshold(),
                file.spellings(),
                file.negations(),
                file.clauseBreaks(),
                file.urgencyRaisers(),
                file.signals(),
                repeat,
                drafts));
    }
}
