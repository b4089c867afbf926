package fr.numi.urgency.emergency.application;

import java.time.Duration;

/**
 * Timings of the protocol.
 *
 * @param handOverTimeout how long to wait for the broker to take a message for the person before calling it failed
 * @param lease how long an instance holds an urgency it is working on before another may resume it
 * @param pageGrace how long a page may stay pending before the sweep sends it again
 */
public record ProtocolSettings(Duration handOverTimeout, Duration lease, Duration pageGrace) {}
