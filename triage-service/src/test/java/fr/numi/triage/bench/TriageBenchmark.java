package fr.numi.triage.bench;

import fr.numi.triage.corpus.CorpusFile;
import fr.numi.triage.corpus.LabelledRequest;
import fr.numi.triage.qualification.domain.Decision;
import fr.numi.triage.qualification.domain.Situation;
import fr.numi.triage.qualification.domain.Triage;
import fr.numi.triage.support.Rules;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Time per decision with the shipped rules and model (rules, French analysis, model, guard rails): on every
 * request of the corpora in turn (typical), and on a 20 000-character text (the longest intake accepts). Sample
 * mode, so JMH prints percentiles (p0.99 is the one that matters: target under 1 ms). Not a test; run by hand:
 *
 * <pre>
 * ./mvnw -B -ntp -o -q test-compile -pl triage-service
 * ./mvnw -B -ntp -o -q dependency:build-classpath -pl triage-service -Dmdep.outputFile=/tmp/triage-cp.txt
 * cd triage-service && java -cp target/test-classes:target/classes:$(cat /tmp/triage-cp.txt) fr.numi.triage.bench.TriageBenchmark
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TriageBenchmark {

    private Triage triage;
    private List<Situation> corpus;
    private Situation longText;
    private int next;

    @Setup
    public void setUp() throws Exception {
        triage = Rules.triage(Clock.systemUTC());
        corpus = new ArrayList<>();
        for (String file : List.of("requests.jsonl", "holdout.jsonl", "dev.jsonl")) {
            for (LabelledRequest c : CorpusFile.read(Path.of("src/test/resources/corpus", file))) {
                corpus.add(new Situation(null, c.text(), false));
            }
        }
        String rambling = "Bonjour, mon imprimante fait du bruit et le wifi coupe le soir, je ne sais pas pourquoi. ";
        longText = new Situation(null, rambling.repeat(20_000 / rambling.length()) + "j'ai donné mon code à un faux conseiller", false);
    }

    @Benchmark
    public Decision corpusRequest() {
        Situation situation = corpus.get(next);
        next = (next + 1) % corpus.size();
        return triage.decide(situation);
    }

    @Benchmark
    public Decision longRequest() {
        return triage.decide(longText);
    }

    public static void main(String[] args) throws Exception {
        new Runner(new OptionsBuilder().include(TriageBenchmark.class.getSimpleName()).build()).run();
    }
}
