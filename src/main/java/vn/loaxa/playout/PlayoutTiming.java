package vn.loaxa.playout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import vn.loaxa.schedule.PlayoutProperties;

/**
 * Every margin on the path from a trigger to the first sample, in one place, and how they must
 * relate for that sample to leave on its instant. Bound from the properties stations already have
 * ({@code loaxa.playout.*}, {@code loaxa.audio.*}); a combination that would make the first sample
 * late refuses to start, naming the properties and their values (decision 0027).
 *
 * <pre>
 *  planned instant - fire-ahead    the trigger fires: items resolved, START row journaled
 *  planned instant - decide-ahead  a busy station decides CUT / WAIT / SKIP; a cut fades the one on air
 *  planned instant - lead          the line opens, is primed with silence, the first item decodes
 *  planned instant                 the first sample leaves the line
 *  now + late-start                where a broadcast that can no longer make its instant starts
 * </pre>
 *
 * @param fireAhead   {@code loaxa.playout.fire-ahead}: how long before the instant the trigger fires
 * @param decideAhead {@code loaxa.playout.decide-ahead}: how long before its instant a broadcast facing a busy
 *                    station decides what to do about the one on air
 * @param lead        {@code loaxa.audio.lead}: how long before the instant the line is opened and primed
 * @param lineBuffer  {@code loaxa.audio.line-buffer}: how much audio the line queues
 * @param fadeOut     {@code loaxa.audio.fade-out}: the fade of a broadcast that is cut or stopped
 * @param outputLatency {@code loaxa.audio.output-latency}: the line clock's measured offset from the card
 * @param lateStart   {@code loaxa.playout.late-start}: a broadcast that can no longer start on its instant
 *                    starts this far from now
 * @param grace       {@code loaxa.playout.grace}: how late a broadcast may still start (the configured
 *                    default; an admin may change it in the settings)
 */
public record PlayoutTiming(Duration fireAhead, Duration decideAhead, Duration lead, Duration lineBuffer,
                            Duration fadeOut, Duration outputLatency, Duration lateStart, Duration grace) {

    /**
     * Opening the first item in the lead: its file hashed against the library (decision 0024), the
     * decoder started (~60 ms for the first MP3 frame in a fresh JVM) and its first second decoded.
     */
    public static final Duration OPEN_ALLOWANCE = Duration.ofMillis(500);
    /** From the trigger to the player: the occurrence resolved and the START row journaled. */
    public static final Duration PREPARE_ALLOWANCE = Duration.ofMillis(250);
    /** The silence a playout ends with before its line closes (the player's tail guard). */
    public static final Duration TAIL = Duration.ofMillis(50);

    public PlayoutTiming {
        var problems = problems(fireAhead, decideAhead, lead, lineBuffer, fadeOut, outputLatency, lateStart, grace);
        if (!problems.isEmpty()) {
            throw new InvalidTimingException(problems);
        }
    }

    static PlayoutTiming of(EngineProperties engine, AudioOutputProperties audio, PlayoutProperties playout) {
        return new PlayoutTiming(engine.fireAhead(), engine.decideAhead(), audio.lead(), audio.lineBuffer(),
                audio.fadeOut(), audio.outputLatency(), engine.lateStart(), playout.grace());
    }

    /**
     * How long a cut broadcast takes to leave the output once told to stop: what its line had queued,
     * its fade, and its tail.
     */
    public Duration cutTakes() {
        return lineBuffer.plus(fadeOut).plus(positive(outputLatency)).plus(TAIL);
    }

    private static List<String> problems(Duration fireAhead, Duration decideAhead, Duration lead, Duration lineBuffer,
                                         Duration fadeOut, Duration outputLatency, Duration lateStart, Duration grace) {
        var out = new ArrayList<String>();
        negative(out, "loaxa.playout.fire-ahead", fireAhead);
        negative(out, "loaxa.playout.decide-ahead", decideAhead);
        negative(out, "loaxa.audio.lead", lead);
        negative(out, "loaxa.audio.fade-out", fadeOut);
        negative(out, "loaxa.playout.late-start", lateStart);
        negative(out, "loaxa.playout.grace", grace);
        if (lineBuffer.toMillis() < 20 || lineBuffer.toMillis() > 2_000) {
            out.add("loaxa.audio.line-buffer (" + ms(lineBuffer) + ") must be 20..2000 ms");
        }
        if (outputLatency.abs().toMillis() > 1_000) {
            out.add("loaxa.audio.output-latency (" + ms(outputLatency) + ") must be within 1000 ms either way");
        }
        if (!out.isEmpty()) {
            return out;
        }
        var opens = lineBuffer.plus(OPEN_ALLOWANCE);
        if (lead.compareTo(opens) < 0) {
            out.add("loaxa.audio.lead (" + ms(lead) + ") must be at least loaxa.audio.line-buffer (" + ms(lineBuffer)
                    + ") + " + ms(OPEN_ALLOWANCE) + " to open the first item = " + ms(opens)
                    + ": the line would not be primed and the first item decoded before the instant");
        }
        var prepared = lead.plus(PREPARE_ALLOWANCE);
        if (fireAhead.compareTo(prepared) < 0) {
            out.add("loaxa.playout.fire-ahead (" + ms(fireAhead) + ") must be at least loaxa.audio.lead (" + ms(lead)
                    + ") + " + ms(PREPARE_ALLOWANCE) + " to resolve the broadcast and write its START row = "
                    + ms(prepared) + ": the line would open after its lead");
        }
        if (decideAhead.compareTo(fireAhead) > 0) {
            out.add("loaxa.playout.decide-ahead (" + ms(decideAhead) + ") must not exceed loaxa.playout.fire-ahead ("
                    + ms(fireAhead) + "): the decision is due before the trigger fires");
        }
        var cut = lineBuffer.plus(fadeOut).plus(positive(outputLatency)).plus(TAIL).plus(lateStart);
        if (decideAhead.compareTo(cut) < 0) {
            out.add("loaxa.playout.decide-ahead (" + ms(decideAhead) + ") must be at least loaxa.audio.line-buffer ("
                    + ms(lineBuffer) + ") + loaxa.audio.fade-out (" + ms(fadeOut) + ") + loaxa.audio.output-latency ("
                    + ms(positive(outputLatency)) + ") + " + ms(TAIL) + " tail + loaxa.playout.late-start ("
                    + ms(lateStart) + ") = " + ms(cut) + ": a broadcast that cuts the one on air would start late");
        }
        if (lateStart.compareTo(lineBuffer) < 0) {
            out.add("loaxa.playout.late-start (" + ms(lateStart) + ") must be at least loaxa.audio.line-buffer ("
                    + ms(lineBuffer) + "): a late broadcast's line could not be primed before its first sample");
        }
        return out;
    }

    private static void negative(List<String> out, String property, Duration value) {
        if (value.isNegative()) {
            out.add(property + " (" + ms(value) + ") must not be negative");
        }
    }

    private static Duration positive(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }

    private static String ms(Duration d) {
        return d.toMillis() + " ms";
    }

    /** The station's timing settings contradict each other; the message lists every relation broken. */
    public static final class InvalidTimingException extends IllegalStateException {
        private final List<String> problems;

        InvalidTimingException(List<String> problems) {
            super("The playout timing would make the first sample late, so the station does not start: "
                    + String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }
}
