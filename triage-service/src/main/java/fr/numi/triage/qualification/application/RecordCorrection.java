package fr.numi.triage.qualification.application;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Use case: an agent corrected triage on a ticket. The decisions triage took on the ticket's requests are
 * labelled with the agent's level, category and cyber tier, for the next training run
 * ({@code export-corrections}), and the correction is counted per category triage had chosen. Logs identifiers
 * only.
 */
@Service
public class RecordCorrection {

    private static final Logger log = LoggerFactory.getLogger(RecordCorrection.class);

    private final DecisionArchive archive;
    private final MeterRegistry meters;

    public RecordCorrection(DecisionArchive archive, MeterRegistry meters) {
        this.archive = archive;
        this.meters = meters;
    }

    public void record(List<String> requestIds, TriageCorrection correction) {
        int found = archive.correct(requestIds, correction);
        Counter.builder("numi.triage.corrections")
                .description("Agents' corrections of triage, by the category triage had chosen")
                .tag("category", correction.before().category())
                .tag("level", Boolean.toString(correction.before().level() != correction.after().level()))
                .tag("tier", Boolean.toString(correction.before().cyberTier() != correction.after().cyberTier()))
                .register(meters)
                .increment();
        log.info("triage corrected ticket={} correction={} agent={} level={}->{} tier={}->{} category={}->{} decisionsLabelled={}/{}",
                correction.ticketId(), correction.correctionId(), correction.agentId(), correction.before().level(),
                correction.after().level(), correction.before().cyberTier(), correction.after().cyberTier(),
                correction.before().category(), correction.category(), found, requestIds.size());
    }
}
