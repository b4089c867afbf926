package fr.numi.ticket.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that runs like the real one and that tests move forward by hand (SLA deadlines hours away, checked in
 * milliseconds; a lease that runs out). It runs so that what is due "in a few seconds" (a relay, a retry) comes
 * without a test moving it. It never goes back.
 */
public final class MutableClock extends Clock {

    private final AtomicReference<Duration> ahead = new AtomicReference<>(Duration.ZERO);
    private final Clock real;

    public MutableClock(Clock real) {
        this.real = real;
    }

    public void advance(Duration duration) {
        ahead.updateAndGet(d -> d.plus(duration));
    }

    @Override
    public Instant instant() {
        return real.instant().plus(ahead.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
