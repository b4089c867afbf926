package fr.numi.intake.privacy.application;

import fr.numi.contracts.privacy.CustomerExport;
import fr.numi.contracts.privacy.CustomerExport.Part;
import fr.numi.intake.privacy.application.ExportParts.PartUnavailableException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A person's export (right of access; issue 14, item 3): intake's own part and every other service's, read at once,
 * put together in one document. All or nothing: when a service does not give its part the export fails naming it,
 * never a partial export presented as complete. An unknown person gets an export like anybody, with nothing in it.
 */
@Service
public class CustomerExports {

    private static final Logger log = LoggerFactory.getLogger(CustomerExports.class);
    public static final String SERVICE = "intake-service";

    private final IntakePersonalData data;
    private final ExportParts parts;
    private final Erasures erasures;
    private final Clock clock;

    public CustomerExports(IntakePersonalData data, ExportParts parts, Erasures erasures, Clock clock) {
        this.data = data;
        this.parts = parts;
        this.erasures = erasures;
        this.clock = clock;
    }

    /** The whole export: every service's part, intake's first, in the order of the settings. */
    public record Export(String customerId, Instant exportedAt, List<Part> services) {}

    /** Some services gave no part: the export is refused. */
    public static final class ExportIncompleteException extends RuntimeException {

        private final List<String> services;

        public ExportIncompleteException(List<String> services) {
            super("export incomplete: " + services, null, false, false);
            this.services = List.copyOf(services);
        }

        public List<String> services() {
            return services;
        }
    }

    private record Outcome(String service, Part part) {}

    public Mono<Export> of(String customerId, String authorization) {
        Instant now = clock.instant();
        Mono<Outcome> own = (CustomerExport.namesAPerson(customerId)
                        ? data.export(customerId, erasures::customerIdOfCallerNumber)
                        : Mono.just(Map.<String, List<Map<String, Object>>>of()))
                .map(collections -> new Outcome(SERVICE, new Part(SERVICE, customerId, collections)));
        Flux<Outcome> others = Flux.fromIterable(parts.services())
                .flatMapSequential(service -> parts.part(service, customerId, authorization)
                        .map(part -> new Outcome(service, part))
                        .onErrorResume(PartUnavailableException.class, e -> {
                            log.warn("export: {}", e.getMessage());
                            return Mono.just(new Outcome(service, null));
                        }));
        return own.concatWith(others).collectList().map(outcomes -> {
            List<String> missing = outcomes.stream().filter(o -> o.part() == null).map(Outcome::service).toList();
            if (!missing.isEmpty()) {
                throw new ExportIncompleteException(missing);
            }
            List<Part> all = new ArrayList<>(outcomes.stream().map(Outcome::part).filter(Objects::nonNull).toList());
            return new Export(customerId, now, all);
        });
    }
}
