package fr.numi.urgency.emergency.domain;

import java.util.List;

/** The instructions or orientation files break the rules of {@link Playbook}: the service must not start. */
public class InvalidPlaybookException extends RuntimeException {

    private final List<String> problems;

    public InvalidPlaybookException(List<String> problems) {
        super("the urgency content breaks " + problems.size() + " rule(s): " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
