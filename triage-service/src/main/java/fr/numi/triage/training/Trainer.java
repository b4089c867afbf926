package fr.numi.triage.training;

import fr.numi.triage.corpus.LabelledRequest;
import fr.numi.triage.qualification.domain.LinearModel;
import fr.numi.triage.qualification.domain.Reader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Trains the three heads of a {@link LinearModel} on labelled requests: multinomial logistic
 * regression, L2-regularised, by stochastic gradient descent with AdaGrad steps.
 *
 * <p>Deterministic by construction: one thread, features in sorted order, examples in the order
 * given then shuffled with {@code java.util.Random(seed)} each epoch, plain {@code double} arithmetic
 * (strict since Java 17). The same requests and settings always give the same weights, bit for bit.
 *
 * <p>Which request teaches which head: every request teaches the level; only those labelled with a
 * category teach the category; only cyber cases teach the tier (emergency or suspected).
 */
public final class Trainer {

    /**
     * @param epochs passes over the data
     * @param learningRate AdaGrad's base step
     * @param l2 regularisation, per step, on the weights an example touches
     * @param seed of the shuffles of the first run
     * @param runs how many runs (seeds {@code seed}, {@code seed + 1}…) are averaged into the model: a mean of linear
     *     models is a linear model of the same size, steadier than any one run
     * @param minDocs a feature must occur in this many requests to be kept
     * @param cyberWeight how much more a cyber case counts than another when learning the level
     */
    public record Settings(int epochs, double learningRate, double l2, long seed, int runs, int minDocs, double cyberWeight) {

        public static final Settings DEFAULT = new Settings(30, 0.2, 1e-5, 12L, 5, 2, 1.5);

        /** As written in the model file. */
        public Map<String, Object> asMap() {
            Map<String, Object> map = new java.util.LinkedHashMap<>();
            map.put("epochs", epochs);
            map.put("learningRate", learningRate);
            map.put("l2", l2);
            map.put("seed", seed);
            map.put("runs", runs);
            map.put("minDocs", minDocs);
            map.put("cyberWeight", cyberWeight);
            return map;
        }
    }

    private final Reader reader;
    private final Settings settings;

    public Trainer(Reader reader, Settings settings) {
        this.reader = reader;
        this.settings = settings;
    }

    private record Example(int[] rows, double[] values, int level, int category, int tier) {}

    public LinearModel train(String version, List<String> categories, List<LabelledRequest> requests) {
        // 1. features, document frequencies and the words behind each stem (for reasons)
        List<List<String>> documents = new ArrayList<>(requests.size());
        Map<String, Integer> df = new TreeMap<>();
        for (LabelledRequest r : requests) {
            List<String> features = reader.features(r.text());
            documents.add(features);
            for (String f : features) {
                df.merge(f, 1, Integer::sum);
            }
        }
        List<String> vocabulary = new ArrayList<>();
        for (Map.Entry<String, Integer> e : df.entrySet()) {
            if (e.getValue() >= settings.minDocs()) {
                vocabulary.add(e.getKey());
            }
        }
        Map<String, Integer> index = new HashMap<>();
        double[] idf = new double[vocabulary.size()];
        int n = requests.size();
        for (int j = 0; j < vocabulary.size(); j++) {
            index.put(vocabulary.get(j), j);
            idf[j] = Math.log((n + 1.0) / (df.get(vocabulary.get(j)) + 1.0)) + 1.0;
        }

        // 2. examples as sparse unit vectors
        List<Example> examples = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            LabelledRequest r = requests.get(i);
            List<String> features = documents.get(i);
            int[] rows = new int[features.size()];
            int known = 0;
            double norm = 0;
            for (String f : features) {
                Integer j = index.get(f);
                if (j != null) {
                    rows[known++] = j;
                    norm += idf[j] * idf[j];
                }
            }
            rows = Arrays.copyOf(rows, known);
            Arrays.sort(rows);
            double[] values = new double[known];
            for (int k = 0; k < known; k++) {
                values[k] = idf[rows[k]] / Math.sqrt(norm);
            }
            int category = r.category() == null ? -1 : categories.indexOf(r.category());
            int tier = r.cyber() ? (LabelledRequest.EMERGENCY.equals(r.cyberTier()) ? 1 : 0) : -1;
            examples.add(new Example(rows, values, r.level() - 1, category, tier));
        }

        // 3. the three heads, trained once per run and averaged
        int f = vocabulary.size();
        Head level = new Head(f, 3);
        Head category = new Head(f, categories.size());
        Head tier = new Head(f, 2);
        for (int run = 0; run < settings.runs(); run++) {
            Head runLevel = new Head(f, 3);
            Head runCategory = new Head(f, categories.size());
            Head runTier = new Head(f, 2);
            Random random = new Random(settings.seed() + run);
            List<Example> order = new ArrayList<>(examples);
            for (int epoch = 0; epoch < settings.epochs(); epoch++) {
                Collections.shuffle(order, random);
                for (Example e : order) {
                    runLevel.step(e, e.level(), e.level() == 2 ? settings.cyberWeight() : 1.0);
                    if (e.category() >= 0) {
                        runCategory.step(e, e.category(), 1.0);
                    }
                    if (e.tier() >= 0) {
                        runTier.step(e, e.tier(), 1.0);
                    }
                }
                // Averaged SGD: the weights kept are the mean over the second half of the epochs, steadier than the last step.
                if (epoch >= settings.epochs() / 2) {
                    runLevel.accumulate();
                    runCategory.accumulate();
                    runTier.accumulate();
                }
            }
            level.add(runLevel.averaged(), runLevel.averagedBias(), settings.runs());
            category.add(runCategory.averaged(), runCategory.averagedBias(), settings.runs());
            tier.add(runTier.averaged(), runTier.averagedBias(), settings.runs());
        }

        List<LinearModel.Row> rows = new ArrayList<>(f);
        for (int j = 0; j < f; j++) {
            // The tier head is binary: its weight is the log-odds difference emergency − suspected.
            rows.add(new LinearModel.Row(vocabulary.get(j), idf[j], level.weights[j], category.weights[j],
                    tier.weights[j][1] - tier.weights[j][0]));
        }
        return new LinearModel(version, categories, rows, level.bias, category.bias, tier.bias[1] - tier.bias[0]);
    }

    /** One softmax regression trained by AdaGrad. */
    private final class Head {
        final double[][] weights;
        final double[][] squares;
        final double[] bias;
        final double[] biasSquares;
        final int classes;

        final double[][] sum;
        final double[] biasSum;
        int accumulated;

        Head(int features, int classes) {
            this.classes = classes;
            weights = new double[features][classes];
            squares = new double[features][classes];
            sum = new double[features][classes];
            bias = new double[classes];
            biasSquares = new double[classes];
            biasSum = new double[classes];
        }

        void accumulate() {
            for (int j = 0; j < weights.length; j++) {
                for (int k = 0; k < classes; k++) {
                    sum[j][k] += weights[j][k];
                }
            }
            for (int k = 0; k < classes; k++) {
                biasSum[k] += bias[k];
            }
            accumulated++;
        }

        double[][] averaged() {
            double[][] mean = new double[weights.length][classes];
            for (int j = 0; j < weights.length; j++) {
                for (int k = 0; k < classes; k++) {
                    mean[j][k] = sum[j][k] / accumulated;
                }
            }
            return mean;
        }

        double[] averagedBias() {
            double[] mean = new double[classes];
            for (int k = 0; k < classes; k++) {
                mean[k] = biasSum[k] / accumulated;
            }
            return mean;
        }

        /** Adds one run's weights, divided by the number of runs. */
        void add(double[][] runWeights, double[] runBias, int runs) {
            for (int j = 0; j < weights.length; j++) {
                for (int k = 0; k < classes; k++) {
                    weights[j][k] += runWeights[j][k] / runs;
                }
            }
            for (int k = 0; k < classes; k++) {
                bias[k] += runBias[k] / runs;
            }
        }

        void step(Example e, int label, double weight) {
            double[] z = bias.clone();
            for (int i = 0; i < e.rows().length; i++) {
                double[] w = weights[e.rows()[i]];
                double x = e.values()[i];
                for (int k = 0; k < classes; k++) {
                    z[k] += x * w[k];
                }
            }
            double max = Double.NEGATIVE_INFINITY;
            for (double v : z) {
                max = Math.max(max, v);
            }
            double sum = 0;
            for (int k = 0; k < classes; k++) {
                z[k] = Math.exp(z[k] - max);
                sum += z[k];
            }
            double eta = settings.learningRate();
            for (int k = 0; k < classes; k++) {
                double g = (z[k] / sum - (k == label ? 1 : 0)) * weight;
                biasSquares[k] += g * g;
                bias[k] -= eta * g / (Math.sqrt(biasSquares[k]) + 1e-8);
                for (int i = 0; i < e.rows().length; i++) {
                    int j = e.rows()[i];
                    double gj = g * e.values()[i] + settings.l2() * weights[j][k];
                    squares[j][k] += gj * gj;
                    weights[j][k] -= eta * gj / (Math.sqrt(squares[j][k]) + 1e-8);
                }
            }
        }
    }
}
