package fr.numi.triage.qualification.domain;

import java.util.List;

/** The rules file cannot be used; lists every problem found so it can be fixed in one go. */
public class InvalidRulesException extends RuntimeException {

    private final List<String> problems;

    public InvalidRulesException(String source, List<String> problems) {
        super("triage rules " + source + " are invalid:\n - " + String.join("\n - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
