package fr.numi.triage.config;

import java.util.List;

/** The model file cannot be used; names the file and lists every problem found. */
public class InvalidModelException extends RuntimeException {

    private final List<String> problems;

    public InvalidModelException(String source, List<String> problems) {
        super("triage model " + source + " is invalid:\n - " + String.join("\n - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
