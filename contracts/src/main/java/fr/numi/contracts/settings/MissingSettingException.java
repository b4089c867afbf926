package fr.numi.contracts.settings;

/**
 * A setting a service cannot run without is missing: start-up stops, and {@link MissingSettingFailureAnalyzer} says in
 * one line which variable to set and what it is.
 */
public final class MissingSettingException extends IllegalStateException {

    private final String variable;
    private final String meaning;

    /**
     * @param variable the environment variable to set, e.g. {@code NUMI_JWT_ISSUER_URI}
     * @param meaning what it is, for the operator reading the failure
     */
    public MissingSettingException(String variable, String meaning) {
        super(variable + " is not set: " + meaning);
        this.variable = variable;
        this.meaning = meaning;
    }

    public String variable() {
        return variable;
    }

    public String meaning() {
        return meaning;
    }
}
