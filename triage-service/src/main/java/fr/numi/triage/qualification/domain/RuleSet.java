package fr.numi.triage.qualification.domain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A checked, versioned set of triage rules: the categories with their keywords, the category used
 * when nothing matches, the one used for a red button with no recognisable incident, and the words
 * that raise urgency. Only {@link #from} builds one, and it refuses anything inconsistent.
 */
public final class RuleSet {

    private static final Pattern CATEGORY_ID = Pattern.compile("^[a-z][a-z0-9-]*$");

    /** A category as written in the rules file, before checks. Any field may be missing. */
    public record CategoryDraft(
            String id, String label, Integer level, String urgency, Boolean cyber, Map<String, Double> keywords) {}

    private final String version;
    private final List<Category> categories;
    private final Category fallback;
    private final Category redButton;
    private final List<Keyword> urgencyRaisers;

    private RuleSet(String version, List<Category> categories, Category fallback, Category redButton, List<Keyword> urgencyRaisers) {
        this.version = version;
        this.categories = List.copyOf(categories);
        this.fallback = fallback;
        this.redButton = redButton;
        this.urgencyRaisers = List.copyOf(urgencyRaisers);
    }

    /**
     * Checks and builds a rule set.
     *
     * @param source where the rules come from, named in the error
     * @throws InvalidRulesException listing every problem found
     */
    public static RuleSet from(
            String source,
            String version,
            String fallbackCategory,
            String redButtonCategory,
            List<CategoryDraft> drafts,
            Map<String, Double> urgencyRaisers) {
        List<String> problems = new ArrayList<>();
        if (version == null || version.isBlank()) {
            problems.add("version is missing");
        }
        List<Category> categories = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        if (drafts == null || drafts.isEmpty()) {
            problems.add("categories is missing or empty");
        } else {
            for (int i = 0; i < drafts.size(); i++) {
                category(i, drafts.get(i), fallbackCategory, ids, problems).ifPresent(categories::add);
            }
        }
        Category fallback = find(categories, fallbackCategory);
        if (fallbackCategory == null || fallbackCategory.isBlank()) {
            problems.add("fallbackCategory is missing");
        } else if (fallback == null && !ids.contains(fallbackCategory)) {
            problems.add("fallbackCategory '" + fallbackCategory + "' is not a declared category");
        } else if (fallback != null && fallback.cyber()) {
            problems.add("fallbackCategory '" + fallbackCategory + "' must not be cyber");
        }
        Category redButton = find(categories, redButtonCategory);
        if (redButtonCategory == null || redButtonCategory.isBlank()) {
            problems.add("redButtonCategory is missing");
        } else if (redButton == null && !ids.contains(redButtonCategory)) {
            problems.add("redButtonCategory '" + redButtonCategory + "' is not a declared category");
        } else if (redButton != null && !redButton.cyber()) {
            problems.add("redButtonCategory '" + redButtonCategory + "' must be cyber");
        }
        List<Keyword> raisers = keywords("urgencyRaisers", urgencyRaisers, problems);
        if (!problems.isEmpty()) {
            throw new InvalidRulesException(source, problems);
        }
        return new RuleSet(version, categories, fallback, redButton, raisers);
    }

    private static Optional<Category> category(
            int index, CategoryDraft draft, String fallbackId, Set<String> ids, List<String> problems) {
        String where = "categories[" + index + "]" + (draft != null && draft.id() != null ? " (" + draft.id() + ")" : "");
        if (draft == null) {
            problems.add(where + " is null");
            return Optional.empty();
        }
        int before = problems.size();
        if (draft.id() == null || !CATEGORY_ID.matcher(draft.id()).matches()) {
            problems.add(where + ": id must be kebab-case (a-z, 0-9, -), was '" + draft.id() + "'");
        } else if (!ids.add(draft.id())) {
            problems.add(where + ": id is declared twice");
        }
        if (draft.label() == null || draft.label().isBlank()) {
            problems.add(where + ": label is missing");
        }
        if (draft.level() == null || draft.level() < 1 || draft.level() > 3) {
            problems.add(where + ": level must be 1, 2 or 3, was " + draft.level());
        }
        Urgency urgency = urgency(draft.urgency());
        if (urgency == null) {
            problems.add(where + ": urgency must be one of LOW, NORMAL, HIGH, CRITICAL, was '" + draft.urgency() + "'");
        }
        if (draft.cyber() == null) {
            problems.add(where + ": cyber (true or false) is missing");
        } else if (draft.cyber()) {
            if (draft.level() != null && draft.level() != 3) {
                problems.add(where + ": a cyber category must be level 3, was " + draft.level());
            }
            if (urgency != null && urgency.compareTo(Urgency.HIGH) < 0) {
                problems.add(where + ": a cyber category must be HIGH or CRITICAL, was " + urgency);
            }
        }
        List<Keyword> keywords = keywords(where + " keywords", draft.keywords(), problems);
        if (keywords.isEmpty() && draft.id() != null && !draft.id().equals(fallbackId)) {
            problems.add(where + ": has no keywords, so it could never be chosen");
        }
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new Category(draft.id(), draft.label(), draft.level(), urgency, draft.cyber(), keywords));
    }

    private static List<Keyword> keywords(String where, Map<String, Double> terms, List<String> problems) {
        if (terms == null) {
            return List.of();
        }
        Map<List<String>, String> seen = new LinkedHashMap<>();
        List<Keyword> keywords = new ArrayList<>();
        terms.forEach((term, weight) -> {
            Keyword keyword = Keyword.of(term, weight == null ? Double.NaN : weight);
            if (keyword.words().isEmpty()) {
                problems.add(where + ": '" + term + "' has no letters or digits");
            } else if (weight == null || !(weight > 0) || weight.isInfinite()) {
                problems.add(where + ": '" + term + "' needs a positive weight, was " + weight);
            } else if (seen.putIfAbsent(keyword.words(), term) != null) {
                problems.add(where + ": '" + term + "' is the same as '" + seen.get(keyword.words()) + "' once normalised");
            } else {
                keywords.add(keyword);
            }
        });
        return keywords;
    }

    private static Urgency urgency(String name) {
        for (Urgency u : Urgency.values()) {
            if (u.name().equals(name)) {
                return u;
            }
        }
        return null;
    }

    private static Category find(List<Category> categories, String id) {
        return categories.stream().filter(c -> c.id().equals(id)).findFirst().orElse(null);
    }

    public String version() {
        return version;
    }

    public List<Category> categories() {
        return categories;
    }

    public Category fallback() {
        return fallback;
    }

    public Category redButton() {
        return redButton;
    }

    public List<Keyword> urgencyRaisers() {
        return urgencyRaisers;
    }

    public Optional<Category> category(String id) {
        return Optional.ofNullable(find(categories, id));
    }
}
