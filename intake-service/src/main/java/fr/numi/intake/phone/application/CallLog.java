package fr.numi.intake.phone.application;

import java.time.Instant;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Port: what numi knows of a call so far (one document per CallSid), enriched by each callback. */
public interface CallLog {

    /** Sets the given fields on the call (created if new) and returns the call as it now is. */
    Mono<Call> merge(String callSid, Map<String, Object> fields);

    /** Applies a status callback only if its SequenceNumber is above every one applied before. */
    Mono<Call> status(String callSid, long sequence, String status, Instant at);

    /** Ended calls with a recording still waiting for a transcription since before {@code endedBefore}. */
    Flux<Call> awaitingTranscription(Instant endedBefore);

    record Call(
            String callSid,
            String from,
            String digits,
            String speech,
            String recordingUrl,
            String recordingSid,
            String transcription,
            String transcriptionStatus,
            String status,
            Instant endedAt,
            String answeredBy) {}
}
