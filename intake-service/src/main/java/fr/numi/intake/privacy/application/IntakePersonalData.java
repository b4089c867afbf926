package fr.numi.intake.privacy.application;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/** Port: what intake keeps at rest on a person, in every collection of numi-intake. */
public interface IntakePersonalData {

    /**
     * Erases the customer's data, idempotently: a second call finds nothing and changes nothing.
     *
     * @param customerIdOfCaller the customer id of a caller's number as calls record it (null if it is not a number),
     *     for the call logs, which know numbers, not customer ids
     * @return per collection, how many documents were deleted or made anonymous
     */
    Mono<Map<String, Long>> erase(String customerId, Function<String, String> customerIdOfCaller);

    /**
     * The customer's data, for their export: per collection, their documents (the same collections {@link #erase}
     * reaches, besides the erasures themselves).
     */
    Mono<Map<String, List<Map<String, Object>>>> export(String customerId, Function<String, String> customerIdOfCaller);
}
