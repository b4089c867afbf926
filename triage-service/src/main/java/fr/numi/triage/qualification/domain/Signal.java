package fr.numi.triage.qualification.domain;

/** The lists of words of a rule set that are not categories: they tell how the person speaks of the situation. */
public enum Signal {
    /** A how-to question or first steps: level 1 unless a problem is described. */
    HOW_TO("howTo", false),
    /** Something is broken, blocked, lost or forgotten: at least level 2. */
    PROBLEM("problem", false),
    /** A question about safety, or a suspicious message left alone: not an emergency by itself. */
    SAFETY_QUESTION("safetyQuestion", false),
    /** The incident is long past (last year, years ago): advice, not an emergency. */
    PAST_INCIDENT("pastIncident", false),
    /** Harm was done (I clicked, I paid, I gave my code): overrides a safety question, not a long-past incident. */
    HARM_DONE("harmDone", true),
    /** It is going on or just happened (right now, this morning, he is asking): overrides both. */
    ONGOING("ongoing", true),
    /** The person says it is urgent: urgency one step up. */
    URGENCY("urgencyRaisers", false);

    private final String key;
    private final boolean negatable;

    Signal(String key, boolean negatable) {
        this.key = key;
        this.negatable = negatable;
    }

    /** Its name in the rules file. */
    public String key() {
        return key;
    }

    boolean negatable() {
        return negatable;
    }
}
