package fr.numi.triage.corpus;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * {@code java -jar triage-service.jar split-corpus ALL.jsonl OUTDIR [--seed=N]}: splits a labelled corpus
 * once, before any tuning, into {@code train.jsonl} (70 %), {@code dev.jsonl} (15 %) and
 * {@code blind-test.jsonl} (15 %), stratified on level, cyber tier and category.
 *
 * <p>Deterministic: the lines of each stratum are sorted by id, shuffled with {@code java.util.Random(seed)},
 * then the strata are laid end to end (sorted by name) and dealt in a fixed pattern of 20 (3 blind test,
 * 3 dev, 14 train), so every stratum keeps its share. Each output file is sorted by id and keeps the lines
 * exactly as written. The same input and seed always give the same three files.
 */
public final class SplitCommand {

    public static final String NAME = "split-corpus";
    public static final long DEFAULT_SEED = 20261201L;

    /** Positions in each run of 20 lines that go to the blind test set and to the dev set. */
    private static final int[] BLIND = {2, 9, 16};
    private static final int[] DEV = {5, 12, 19};

    private SplitCommand() {}

    /** The three parts, each sorted by id. */
    public record Split(List<CorpusFile.Line> train, List<CorpusFile.Line> dev, List<CorpusFile.Line> blindTest) {}

    public static int run(String[] args, PrintStream out, PrintStream err) {
        Path in = null;
        Path dir = null;
        long seed = DEFAULT_SEED;
        for (int i = 1; i < args.length; i++) {
            if (args[i].startsWith("--seed=")) {
                try {
                    seed = Long.parseLong(args[i].substring("--seed=".length()));
                } catch (NumberFormatException e) {
                    err.println("--seed must be a whole number: " + args[i]);
                    return 2;
                }
            } else if (in == null) {
                in = Path.of(args[i]);
            } else if (dir == null) {
                dir = Path.of(args[i]);
            } else {
                err.println("unexpected argument: " + args[i]);
                return 2;
            }
        }
        if (in == null || dir == null || !Files.isReadable(in)) {
            err.println("usage: java -jar triage-service.jar split-corpus ALL.jsonl OUTDIR [--seed=N]"
                    + (in != null && !Files.isReadable(in) ? "\ncannot read " + in : ""));
            return 2;
        }
        try {
            Split split = split(CorpusFile.lines(in), seed);
            CorpusFile.write(dir.resolve("train.jsonl"), json(split.train()));
            CorpusFile.write(dir.resolve("dev.jsonl"), json(split.dev()));
            CorpusFile.write(dir.resolve("blind-test.jsonl"), json(split.blindTest()));
            out.printf("split %d cases with seed %d: train %d, dev %d, blind test %d%n", split.train().size()
                    + split.dev().size() + split.blindTest().size(), seed, split.train().size(), split.dev().size(),
                    split.blindTest().size());
            return 0;
        } catch (IllegalArgumentException | IOException | java.io.UncheckedIOException e) {
            err.println(e.getMessage());
            return 2;
        }
    }

    public static Split split(List<CorpusFile.Line> lines, long seed) {
        Map<String, List<CorpusFile.Line>> strata = new TreeMap<>();
        for (CorpusFile.Line line : lines) {
            strata.computeIfAbsent(line.request().stratum(), k -> new ArrayList<>()).add(line);
        }
        Random random = new Random(seed);
        List<CorpusFile.Line> dealt = new ArrayList<>();
        for (List<CorpusFile.Line> stratum : strata.values()) {
            stratum.sort(BY_ID);
            Collections.shuffle(stratum, random);
            dealt.addAll(stratum);
        }
        List<CorpusFile.Line> train = new ArrayList<>();
        List<CorpusFile.Line> dev = new ArrayList<>();
        List<CorpusFile.Line> blind = new ArrayList<>();
        for (int i = 0; i < dealt.size(); i++) {
            int slot = i % 20;
            (contains(BLIND, slot) ? blind : contains(DEV, slot) ? dev : train).add(dealt.get(i));
        }
        train.sort(BY_ID);
        dev.sort(BY_ID);
        blind.sort(BY_ID);
        return new Split(train, dev, blind);
    }

    private static final Comparator<CorpusFile.Line> BY_ID = Comparator.comparing(l -> l.request().id());

    private static boolean contains(int[] slots, int slot) {
        for (int s : slots) {
            if (s == slot) {
                return true;
            }
        }
        return false;
    }

    private static List<String> json(List<CorpusFile.Line> lines) {
        return lines.stream().map(CorpusFile.Line::json).toList();
    }
}
