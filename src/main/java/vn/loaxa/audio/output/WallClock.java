package vn.loaxa.audio.output;

import java.time.Instant;

/**
 * The production {@link PlayoutClock}. Waiting and measuring use nanoTime (monotonic,
 * fine-grained); schedules and reports use instants. The offset is taken afresh on every
 * conversion so that a clock step (NTP) is followed instead of remembered.
 */
final class WallClock implements PlayoutClock {

    static final WallClock INSTANCE = new WallClock();

    private WallClock() {
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public long toNanoTime(Instant instant) {
        Instant now = Instant.now();
        long nanoNow = System.nanoTime();
        return nanoNow + nanosBetween(now, instant);
    }

    @Override
    public Instant toInstant(long nanoTime) {
        Instant now = Instant.now();
        long nanoNow = System.nanoTime();
        return now.plusNanos(nanoTime - nanoNow);
    }

    @Override
    public void sleep(long nanos) throws InterruptedException {
        Thread.sleep(Math.max(1, nanos / 1_000_000L));
    }

    private static long nanosBetween(Instant from, Instant to) {
        return (to.getEpochSecond() - from.getEpochSecond()) * 1_000_000_000L + (to.getNano() - from.getNano());
    }
}
