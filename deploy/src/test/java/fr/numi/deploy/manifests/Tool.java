package fr.numi.deploy.manifests;

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
 * A command-line tool the manifests are checked with ({@code docker-compose}, {@code kubectl}).
 * Missing: CI fails (the environment variable {@code CI} is set), a workstation skips, as
 * feedback-service's promtool tests do.
 */
public record Tool(Path executable) {

    public record Result(int exitCode, String output) {}

    public static Optional<Path> locate(String name, Map<String, String> env) {
        for (String dir : env.getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isBlank() && Files.isExecutable(Path.of(dir, name))) {
                return Optional.of(Path.of(dir, name));
            }
        }
        return Optional.empty();
    }

    /** The tool, or an {@link AssertionError} under CI and a skipped test elsewhere. */
    public static Tool require(String name, String install, Map<String, String> env) {
        Optional<Path> found = locate(name, env);
        if (found.isPresent()) {
            return new Tool(found.get());
        }
        String message = name + " not found on PATH; install it with: " + install;
        if (env.get("CI") != null) {
            throw new AssertionError(message + " (CI is set: the deployment manifests must be checked)");
        }
        Assumptions.abort(message);
        throw new IllegalStateException("unreachable");
    }

    public Result run(Path workingDirectory, Map<String, String> environment, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile());
        builder.environment().putAll(environment);
        Path errors = Files.createTempFile("tool", ".err");
        builder.redirectError(errors.toFile());
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in 120 s");
        }
        String stderr = Files.readString(errors);
        Files.delete(errors);
        return new Result(process.exitValue(), process.exitValue() == 0 ? output : output + stderr);
    }
}
