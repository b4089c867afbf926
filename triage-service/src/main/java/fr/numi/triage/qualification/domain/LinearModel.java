package fr.numi.triage.qualification.domain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The learned part of triage: three logistic regressions over the same features ({@link Features}).
 *
 * <ul>
 *   <li><b>level</b>: softmax over levels 1, 2, 3 (level 3 = a cyber case, suspected or emergency);
 *   <li><b>category</b>: softmax over the category ids;
 *   <li><b>tier</b>: the probability that a cyber case is an emergency rather than a suspicion.
 * </ul>
 *
 * A text is the set of its known features, each weighted by its inverse document frequency, the
 * vector scaled to length 1. Plain arithmetic, no allocation beyond the result: a few microseconds.
 */
public final class LinearModel {

    /** One row of the model: a feature and its weights. */
    public record Row(String feature, double idf, double[] level, double[] category, double tier) {

        public Row {
            Objects.requireNonNull(feature, "feature");
            level = level.clone();
            category = category == null ? null : category.clone();
        }
    }

    /** How much one feature pushed towards a class, for reasons. */
    public record Contribution(String feature, double weight) {}

    /** The model's view of one text. */
    public record Prediction(double[] level, double[] category, double emergency, int known, int[] rows, double[] values) {

        /** Probability of level 1, 2 or 3. */
        public double level(int level) {
            return this.level[level - 1];
        }

        /** Probability that it is a cyber case (level 3). */
        public double cyber() {
            return level[2];
        }
    }

    private final String version;
    private final List<String> categories;
    private final Row[] rows;
    private final Map<String, Integer> index;
    private final double[] levelBias;
    private final double[] categoryBias;
    private final double tierBias;

    public LinearModel(String version, List<String> categories, List<Row> rows, double[] levelBias, double[] categoryBias,
            double tierBias) {
        this.version = Objects.requireNonNull(version, "version");
        this.categories = List.copyOf(categories);
        this.rows = rows.toArray(Row[]::new);
        this.index = new HashMap<>(rows.size() * 2);
        for (int i = 0; i < this.rows.length; i++) {
            if (this.rows[i].level().length != 3) {
                throw new IllegalArgumentException(this.rows[i].feature() + ": needs 3 level weights");
            }
            if (this.rows[i].category() != null && this.rows[i].category().length != categories.size()) {
                throw new IllegalArgumentException(this.rows[i].feature() + ": needs " + categories.size() + " category weights");
            }
            if (index.put(this.rows[i].feature(), i) != null) {
                throw new IllegalArgumentException(this.rows[i].feature() + ": declared twice");
            }
        }
        if (levelBias.length != 3 || categoryBias.length != categories.size()) {
            throw new IllegalArgumentException("biases: 3 for level, one per category");
        }
        this.levelBias = levelBias.clone();
        this.categoryBias = categoryBias.clone();
        this.tierBias = tierBias;
    }

    public String version() {
        return version;
    }

    public List<String> categories() {
        return categories;
    }

    public List<Row> rows() {
        return List.of(rows);
    }

    public double[] levelBias() {
        return levelBias.clone();
    }

    public double[] categoryBias() {
        return categoryBias.clone();
    }

    public double tierBias() {
        return tierBias;
    }

    public Prediction predict(List<String> features) {
        int[] present = new int[features.size()];
        int known = 0;
        double norm = 0;
        for (String f : features) {
            Integer row = index.get(f);
            if (row != null) {
                present[known++] = row;
                norm += rows[row].idf() * rows[row].idf();
            }
        }
        int[] used = Arrays.copyOf(present, known);
        double[] values = new double[known];
        double scale = known == 0 ? 0 : 1 / Math.sqrt(norm);
        double[] level = levelBias.clone();
        double[] category = categoryBias.clone();
        double tier = tierBias;
        for (int i = 0; i < known; i++) {
            Row r = rows[used[i]];
            double x = r.idf() * scale;
            values[i] = x;
            for (int k = 0; k < 3; k++) {
                level[k] += x * r.level()[k];
            }
            if (r.category() != null) {
                for (int k = 0; k < category.length; k++) {
                    category[k] += x * r.category()[k];
                }
            }
            tier += x * r.tier();
        }
        return new Prediction(softmax(level), softmax(category), 1 / (1 + Math.exp(-tier)), known, used, values);
    }

    /** How many of the person's words (not rule signals) the model knew in this text. */
    public int knownWords(Prediction p) {
        int n = 0;
        for (int row : p.rows()) {
            if (Features.isWords(rows[row].feature())) {
                n++;
            }
        }
        return n;
    }

    /** The word features that pushed most towards a level (1–3), strongest first, positive only (at most {@code limit}). */
    public List<Contribution> towardsLevel(Prediction p, int level, int limit) {
        return top(p, r -> r.level()[level - 1] - mean(r.level()), limit);
    }

    /** The word features that pushed most towards a category, strongest first, positive only. */
    public List<Contribution> towardsCategory(Prediction p, String category, int limit) {
        int k = categories.indexOf(category);
        if (k < 0) {
            return List.of();
        }
        return top(p, r -> r.category() == null ? 0 : r.category()[k] - mean(r.category()), limit);
    }

    private List<Contribution> top(Prediction p, java.util.function.ToDoubleFunction<Row> weight, int limit) {
        List<Contribution> all = new ArrayList<>();
        for (int i = 0; i < p.rows().length; i++) {
            Row r = rows[p.rows()[i]];
            if (Features.isWords(r.feature())) {
                double w = p.values()[i] * weight.applyAsDouble(r);
                if (w > 0) {
                    all.add(new Contribution(r.feature(), w));
                }
            }
        }
        all.sort(Comparator.comparingDouble(Contribution::weight).reversed().thenComparing(Contribution::feature));
        return all.size() > limit ? List.copyOf(all.subList(0, limit)) : all;
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    static double[] softmax(double[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double sum = 0;
        double[] p = new double[z.length];
        for (int k = 0; k < z.length; k++) {
            p[k] = Math.exp(z[k] - max);
            sum += p[k];
        }
        for (int k = 0; k < z.length; k++) {
            p[k] /= sum;
        }
        return p;
    }
}
