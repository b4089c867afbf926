package fr.numi.triage.qualification.domain;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A checked, versioned set of triage rules: the categories with their keywords, the signal lists
 * (how-to, problem, safety question, past incident, harm done, urgency), the spelling variants,
 * the negation words, the threshold a cyber category must reach, and the repeat-contact policy.
 * Only {@link #from} builds one, and it refuses anything inconsistent, listing every problem.
 */
public final class RuleSet {

    private static final Pattern CATEGORY_ID = Pattern.compile("^[a-z][a-z0-9-]*$");

    /** A category as written in the rules file, before checks. Any field may be missing. */
    public record CategoryDraft(
            String id, String label, Integer level, String urgency, Boolean cyber, Map<String, Double> keywords) {}

    /** Repeated contacts policy as written: at least {@code atLeast} earlier contacts within {@code withinMinutes}. */
    public record RepeatDraft(Integer atLeast, Integer withinMinutes) {}

    /** A whole rules file as written, before checks. Any field may be missing. */
    public record Draft(
            String version,
            String fallbackCategory,
            String redButtonCategory,
            String questionCategory,
            Double cyberThreshold,
            Map<String, String> spellings,
            List<String> negations,
            List<String> clauseBreaks,
            Map<String, Double> urgencyRaisers,
            Map<String, Map<String, Double>> signals,
            RepeatDraft repeatContacts,
            List<CategoryDraft> categories) {}

    /** The repeat-contact policy: this many earlier contacts within this many minutes raise urgency. */
    public record RepeatPolicy(int atLeast, int withinMinutes) {}

    private final String version;
    private final List<Category> categories;
    private final Category fallback;
    private final Category redButton;
    private final Category question;
    private final double cyberThreshold;
    private final Map<String, List<String>> spellings;
    private final Map<Signal, List<Keyword>> signals;
    private final RepeatPolicy repeatPolicy;
    private final Lexicon lexicon;

    private RuleSet(
            String version,
            List<Category> categories,
            Category fallback,
            Category redButton,
            Category question,
            double cyberThreshold,
            Map<String, List<String>> spellings,
            Set<String> negations,
            Set<String> clauseBreaks,
            Map<Signal, List<Keyword>> signals,
            RepeatPolicy repeatPolicy) {
        this.version = version;
        this.categories = List.copyOf(categories);
        this.fallback = fallback;
        this.redButton = redButton;
        this.question = question;
        this.cyberThreshold = cyberThreshold;
        this.spellings = Map.copyOf(spellings);
        this.signals = new EnumMap<>(signals);
        this.repeatPolicy = repeatPolicy;
        List<List<Keyword>> groups = new ArrayList<>();
        List<Boolean> negatable = new ArrayList<>();
        List<Boolean> typos = new ArrayList<>();
        for (Category c : this.categories) {
            groups.add(c.keywords());
            negatable.add(c.cyber());
            typos.add(true);
        }
        for (Signal s : Signal.values()) {
            groups.add(this.signals.getOrDefault(s, List.of()));
            negatable.add(s.negatable());
            typos.add(false);
        }
        Set<String> breaks = new HashSet<>(clauseBreaks);
        breaks.add(TextNormaliser.CLAUSE_BREAK);
        this.lexicon = new Lexicon(groups, negatable, typos, negations, breaks);
    }

    /**
     * Checks and builds a rule set.
     *
     * @param source where the rules come from, named in the error
     * @throws InvalidRulesException listing every problem found
     */
    public static RuleSet from(String source, Draft draft) {
        List<String> problems = new ArrayList<>();
        if (draft.version() == null || draft.version().isBlank()) {
            problems.add("version is missing");
        }
        List<Category> categories = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        List<CategoryDraft> drafts = draft.categories();
        if (drafts == null || drafts.isEmpty()) {
            problems.add("categories is missing or empty");
        } else {
            for (int i = 0; i < drafts.size(); i++) {
                category(i, drafts.get(i), draft.fallbackCategory(), ids, problems).ifPresent(categories::add);
            }
        }
        Category fallback = special("fallbackCategory", draft.fallbackCategory(), false, true, categories, ids, problems);
        Category redButton = special("redButtonCategory", draft.redButtonCategory(), true, true, categories, ids, problems);
        Category question = draft.questionCategory() == null
                ? fallback
                : special("questionCategory", draft.questionCategory(), false, false, categories, ids, problems);
        double threshold = draft.cyberThreshold() == null ? 0 : draft.cyberThreshold();
        if (!(threshold >= 0) || Double.isInfinite(threshold)) {
            problems.add("cyberThreshold must be zero or positive, was " + draft.cyberThreshold());
        }
        Map<String, List<String>> spellings = spellings(draft.spellings(), problems);
        Set<String> negations = singleWords("negations", draft.negations(), problems);
        Set<String> clauseBreaks = singleWords("clauseBreaks", draft.clauseBreaks(), problems);
        Map<Signal, List<Keyword>> signals = new EnumMap<>(Signal.class);
        signals.put(Signal.URGENCY, keywords("urgencyRaisers", draft.urgencyRaisers(), problems));
        Map<String, Map<String, Double>> written = draft.signals() == null ? Map.of() : draft.signals();
        Set<String> known = new HashSet<>();
        for (Signal s : Signal.values()) {
            if (s != Signal.URGENCY) {
                known.add(s.key());
                signals.put(s, keywords("signals." + s.key(), written.get(s.key()), problems));
            }
        }
        written.keySet().stream()
                .filter(k -> !known.contains(k))
                .forEach(k -> problems.add("signals." + k + " is not a known signal list (known: " + String.join(", ", known) + ")"));
        RepeatPolicy repeat = repeat(draft.repeatContacts(), problems);
        if (!problems.isEmpty()) {
            throw new InvalidRulesException(source, problems);
        }
        return new RuleSet(draft.version(), categories, fallback, redButton, question, threshold, spellings, negations,
                clauseBreaks, signals, repeat);
    }

    private static Category special(
            String field, String id, boolean cyber, boolean required, List<Category> categories, Set<String> ids, List<String> problems) {
        Category found = find(categories, id);
        if (id == null || id.isBlank()) {
            if (required) {
                problems.add(field + " is missing");
            }
        } else if (found == null && !ids.contains(id)) {
            problems.add(field + " '" + id + "' is not a declared category");
        } else if (found != null && found.cyber() != cyber) {
            problems.add(field + " '" + id + "' must " + (cyber ? "" : "not ") + "be cyber");
        }
        return found;
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
            } else if (keyword.words().get(0).equals(Keyword.ANY_WORD)) {
                problems.add(where + ": '" + term + "' must not start with #");
            } else if (keyword.prefix() && keyword.words().get(keyword.words().size() - 1).length() < 3) {
                problems.add(where + ": '" + term + "' is a prefix of fewer than 3 letters, it would match too much");
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

    private static Map<String, List<String>> spellings(Map<String, String> written, List<String> problems) {
        Map<String, List<String>> spellings = new LinkedHashMap<>();
        if (written == null) {
            return spellings;
        }
        written.forEach((variant, standard) -> {
            List<String> from = TextNormaliser.words(variant);
            List<String> to = TextNormaliser.words(standard);
            if (from.size() != 1) {
                problems.add("spellings: '" + variant + "' must be one word once normalised, was " + from);
            } else if (to.isEmpty()) {
                problems.add("spellings: '" + variant + "' has an empty replacement");
            } else if (spellings.put(from.get(0), to) != null) {
                problems.add("spellings: '" + variant + "' is written twice once normalised");
            }
        });
        return spellings;
    }

    private static Set<String> singleWords(String field, List<String> written, List<String> problems) {
        Set<String> words = new HashSet<>();
        if (written == null) {
            return words;
        }
        for (String w : written) {
            List<String> normalised = TextNormaliser.words(w);
            if (normalised.size() != 1) {
                problems.add(field + ": '" + w + "' must be one word once normalised");
            } else {
                words.add(normalised.get(0));
            }
        }
        return words;
    }

    private static RepeatPolicy repeat(RepeatDraft draft, List<String> problems) {
        if (draft == null) {
            return new RepeatPolicy(2, 120);
        }
        if (draft.atLeast() == null || draft.atLeast() < 1) {
            problems.add("repeatContacts.atLeast must be 1 or more, was " + draft.atLeast());
        }
        if (draft.withinMinutes() == null || draft.withinMinutes() < 1) {
            problems.add("repeatContacts.withinMinutes must be 1 or more, was " + draft.withinMinutes());
        }
        return problems.isEmpty() ? new RepeatPolicy(draft.atLeast(), draft.withinMinutes()) : null;
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

    /** Where a safety question or a long-past incident goes (the fallback when the file names none). */
    public Category question() {
        return question;
    }

    /** The score a cyber category needs, harm signals included, to be chosen. */
    public double cyberThreshold() {
        return cyberThreshold;
    }

    public List<Keyword> urgencyRaisers() {
        return signals.get(Signal.URGENCY);
    }

    public List<Keyword> signal(Signal signal) {
        return signals.getOrDefault(signal, List.of());
    }

    public RepeatPolicy repeatPolicy() {
        return repeatPolicy;
    }

    /** Spelling variants: one normalised word → the words it stands for ({@code mdp} → {@code mot de passe}). */
    public Map<String, List<String>> spellings() {
        return spellings;
    }

    public Optional<Category> category(String id) {
        return Optional.ofNullable(find(categories, id));
    }

    /** The normalised words of a text, spelling variants replaced. */
    List<String> words(String text) {
        return TextNormaliser.words(text, spellings);
    }

    Lexicon.Hits read(List<String> words) {
        return lexicon.read(words);
    }

    /** Index of a category's group in the lexicon. */
    int group(Category category) {
        return categories.indexOf(category);
    }

    int group(Signal signal) {
        return categories.size() + signal.ordinal();
    }
}
