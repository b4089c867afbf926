package fr.numi.feedback.observability;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds and runs Prometheus' {@code promtool} (Debian package {@code prometheus}). Where it is
 * missing, CI fails (the environment variable {@code CI} is set) and a workstation skips.
 */
final class Promtool {

    static final String INSTALL = "apt-get update && apt-get install -y --no-install-recommends prometheus";

    record Result(int exitCode, String output) {}

    private final Path executable;

    private Promtool(Path executable) {
        this.executable = executable;
    }

    /** {@code PROMTOOL} if set, else the first {@code promtool} on {@code PATH}. */
    static Optional<Path> locate(Map<String, String> env) {
        String explicit = env.get("PROMTOOL");
        if (explicit != null && !explicit.isBlank()) {
            return Optional.of(Path.of(explicit)).filter(Files::isExecutable);
        }
        String path = env.getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isBlank() && Files.isExecutable(Path.of(dir, "promtool"))) {
                return Optional.of(Path.of(dir, "promtool"));
            }
        }
        return Optional.empty();
    }

    /**
     * The promtool to use. Missing: an {@link AssertionError} under CI, a skipped test elsewhere.
     */
    static Promtool require(Map<String, String> env) {
        Optional<Path> found = locate(env);
        if (found.isPresent()) {
            return new Promtool(found.get());
        }
        String message = "promtool not found on PATH (nor PROMTOOL); install it with: " + INSTALL;
        if (env.get("CI") != null) {
            throw new AssertionError(message + " (CI is set: the observability rules must be checked)");
        }
        Assumptions.abort(message);
        throw new IllegalStateException("unreachable");
    }

    Result run(Path workingDirectory, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(workingDirectory.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("promtool " + String.join(" ", args) + " did not finish in 60 s");
        }
        return new Result(process.exitValue(), output);
    }
}
