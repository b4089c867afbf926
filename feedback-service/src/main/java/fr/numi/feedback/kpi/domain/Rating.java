package fr.numi.feedback.kpi.domain;

/** A person's rating of the help they got: 1 (bad) to 5 (very good). */
public record Rating(int stars) {

    public Rating {
        if (stars < 1 || stars > 5) {
            throw new IllegalArgumentException("a rating is 1 to 5, was " + stars);
        }
    }
}
