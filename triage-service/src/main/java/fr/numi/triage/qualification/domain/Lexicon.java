package fr.numi.triage.qualification.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every keyword of a rule set, indexed so a text is read once, word by word, whatever the number
 * of rules: by exact first word, by the first three letters of a one-word prefix, and by length for
 * the long words that forgive a typo. A keyword counts once per text; an occurrence counts only if
 * no negation word ({@code pas}, {@code jamais}, {@code not}…) stands in the
 * {@value #NEGATION_WINDOW} words before it, within the same clause.
 */
final class Lexicon {

    static final int NEGATION_WINDOW = 3;

    private static final int PREFIX_KEY = 3;

    /** One keyword and the group (a category, or a signal list) it belongs to. */
    private record Entry(int id, int group, Keyword keyword, boolean negatable, boolean typos) {}

    /** What one text matched: per group, the keywords found, and those found only negated. */
    static final class Hits {
        private final List<List<Keyword>> found;
        private final List<List<Keyword>> negated;

        private Hits(int groups) {
            found = new ArrayList<>(groups);
            negated = new ArrayList<>(groups);
            for (int g = 0; g < groups; g++) {
                found.add(new ArrayList<>(2));
                negated.add(new ArrayList<>(0));
            }
        }

        List<Keyword> found(int group) {
            return found.get(group);
        }

        List<Keyword> negated(int group) {
            return negated.get(group);
        }

        double weight(int group) {
            double sum = 0;
            for (Keyword k : found.get(group)) {
                sum += k.weight();
            }
            return sum;
        }

        double maxWeight(int group) {
            double max = 0;
            for (Keyword k : found.get(group)) {
                max = Math.max(max, k.weight());
            }
            return max;
        }
    }

    private final int groups;
    private final int size;
    private final List<Entry> entries = new ArrayList<>();
    private final Map<String, List<Entry>> byFirstWord = new HashMap<>();
    private final Map<String, List<Entry>> byPrefix = new HashMap<>();
    private final List<List<Entry>> typoByLength = new ArrayList<>();
    private final Set<String> negations;
    private final Set<String> clauseBreaks;

    /**
     * @param groups the keyword lists, each a group
     * @param negatable per group, whether a negation before a keyword cancels it
     * @param typos per group, whether its long words forgive a typo (yes for topics, not for grammar
     *     such as « bloqué » against « bloquer »)
     */
    Lexicon(List<List<Keyword>> groups, List<Boolean> negatable, List<Boolean> typos, Set<String> negations,
            Set<String> clauseBreaks) {
        this.groups = groups.size();
        this.negations = Set.copyOf(negations);
        this.clauseBreaks = Set.copyOf(clauseBreaks);
        int id = 0;
        for (int g = 0; g < groups.size(); g++) {
            for (Keyword keyword : groups.get(g)) {
                Entry entry = new Entry(id++, g, keyword, negatable.get(g), typos.get(g));
                entries.add(entry);
                String first = keyword.words().get(0);
                if (keyword.words().size() == 1 && keyword.prefix()) {
                    String key = first.length() >= PREFIX_KEY ? first.substring(0, PREFIX_KEY) : first;
                    byPrefix.computeIfAbsent(key, k -> new ArrayList<>()).add(entry);
                } else {
                    byFirstWord.computeIfAbsent(first, k -> new ArrayList<>()).add(entry);
                }
                if (typos.get(g) && keyword.toleratesTypos()) {
                    int length = first.length();
                    while (typoByLength.size() <= length + 1) {
                        typoByLength.add(new ArrayList<>());
                    }
                    typoByLength.get(length).add(entry);
                }
            }
        }
        this.size = id;
    }

    Hits read(List<String> words) {
        Hits hits = new Hits(groups);
        byte[] state = new byte[size]; // 0 unseen, 1 seen negated only, 2 found
        Map<String, List<Entry>> typoNeighbours = new HashMap<>();
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            List<Entry> exact = byFirstWord.get(word);
            if (exact != null) {
                for (Entry e : exact) {
                    check(e, words, i, state);
                }
            }
            for (int k = 1; k <= Math.min(PREFIX_KEY, word.length()); k++) {
                List<Entry> prefixed = byPrefix.get(word.substring(0, k));
                if (prefixed != null) {
                    for (Entry e : prefixed) {
                        check(e, words, i, state);
                    }
                }
            }
            if (word.length() >= Keyword.MIN_LENGTH_FOR_TYPOS - 1) {
                // Long texts repeat their words: look each distinct word up once.
                for (Entry e : typoNeighbours.computeIfAbsent(word, this::typoNeighbours)) {
                    if (state[e.id()] != 2) {
                        record(e, words, i, state);
                    }
                }
            }
        }
        for (Entry e : entries) {
            if (state[e.id()] == 2) {
                hits.found.get(e.group()).add(e.keyword());
            } else if (state[e.id()] == 1) {
                hits.negated.get(e.group()).add(e.keyword());
            }
        }
        return hits;
    }

    /** The typo-tolerant keywords one edit away from a word. */
    private List<Entry> typoNeighbours(String word) {
        List<Entry> found = List.of();
        int length = word.length();
        for (int l = length - 1; l <= length + 1 && l < typoByLength.size(); l++) {
            for (Entry e : typoByLength.get(l)) {
                if (Keyword.withinOneEdit(e.keyword().words().get(0), word)) {
                    if (found.isEmpty()) {
                        found = new ArrayList<>(2);
                    }
                    found.add(e);
                }
            }
        }
        return found;
    }

    private void check(Entry e, List<String> words, int start, byte[] state) {
        if (state[e.id()] != 2 && e.keyword().matchesAt(words, start, e.typos())) {
            record(e, words, start, state);
        }
    }

    private void record(Entry e, List<String> words, int start, byte[] state) {
        if (e.negatable() && negated(words, start)) {
            state[e.id()] = 1;
        } else {
            state[e.id()] = 2;
        }
    }

    private boolean negated(List<String> words, int start) {
        if (clauseBreaks.contains(words.get(start))) {
            return false; // the keyword opens a clause of its own (« j ai donne »): what came before does not negate it
        }
        for (int j = start - 1; j >= Math.max(0, start - NEGATION_WINDOW); j--) {
            String w = words.get(j);
            if (clauseBreaks.contains(w)) {
                return false;
            }
            if (negations.contains(w)) {
                return true;
            }
        }
        return false;
    }
}
