package vn.loaxa.zone;

import java.util.ArrayList;
import java.util.List;
import vn.loaxa.audio.PcmFormat;
import vn.loaxa.audio.PcmStream;

/**
 * Renders village DTMF codes as control tones for the FM receivers: each symbol is its ITU-T Q.23
 * low/high frequency pair, then a pause; the codes of two villages are separated by a second pause
 * so a receiver never reads them as one code.
 *
 * <p>Each symbol is laid out as a raised-cosine ramp up, {@code toneMs} at full level, a ramp down,
 * and {@code pauseMs} of digital silence. The ramps sit outside both lengths, so even at the Q.24
 * minimums a receiver gets 40 ms of full-level tone and 40 ms of true silence, and the edges do not
 * click. Both frequencies have the same level (no twist): twist makes up for a telephone line's loss
 * of high frequencies, and the FM path (pre-emphasis undone by de-emphasis) is flat.
 *
 * <p>Output is deterministic ({@link StrictMath}), so a rendered code is the same on every machine.
 */
public final class DtmfTones {

    /** Q.24: receivers must recognise tones and pauses of at least this length. */
    public static final int MIN_TONE_MS = 40;
    public static final int MIN_PAUSE_MS = 40;
    /** Beyond this a code is so long that the programme's start would wait on it. */
    public static final int MAX_TONE_MS = 1_000;
    public static final int MAX_PAUSE_MS = 1_000;
    public static final double MIN_LEVEL_DBFS = -30;
    /**
     * Two tones of equal level peak 6 dB above each one; above -7 dBFS the pair would reach full
     * scale (or within 1 dB of it, where a resampler's overshoot clips), and clipping adds
     * intermodulation products that receivers can mistake for other digits.
     */
    public static final double MAX_LEVEL_DBFS = -7;
    public static final int MAX_SYMBOLS = 16;
    /** Each raised-cosine edge: long enough not to click, short against the 40 ms a receiver needs. */
    public static final int RAMP_MS = 3;

    static final double[] LOW_HZ = {697, 770, 852, 941};
    static final double[] HIGH_HZ = {1209, 1336, 1477, 1633};
    /** The Q.23 keypad: row = low frequency, column = high frequency. */
    static final String KEYPAD = "123A456B789C*0#D";

    private DtmfTones() {
    }

    /** The symbol of a low/high frequency pair, by their indexes in the Q.23 table (0..3 each). */
    public static char symbol(int lowIndex, int highIndex) {
        return KEYPAD.charAt(lowIndex * 4 + highIndex);
    }

    /**
     * Checks a village's code: 1 to 16 of {@code 0-9 * # A B C D}.
     *
     * @throws IllegalArgumentException with a message fit for the settings form
     */
    public static void validateCode(String code) {
        if (code.isEmpty()) {
            throw new IllegalArgumentException("A DTMF code needs at least one digit");
        }
        if (code.length() > MAX_SYMBOLS) {
            throw new IllegalArgumentException("A DTMF code has at most " + MAX_SYMBOLS + " digits, \"" + code
                    + "\" has " + code.length());
        }
        for (var i = 0; i < code.length(); i++) {
            var c = code.charAt(i);
            if (KEYPAD.indexOf(c) < 0) {
                var shown = Character.isWhitespace(c) || Character.isISOControl(c)
                        ? String.format("U+%04X", (int) c) : "'" + c + "'";
                throw new IllegalArgumentException("A DTMF code may contain only 0-9, *, # and A-D (capital): \""
                        + code + "\" has " + shown + " at position " + (i + 1));
            }
        }
    }

    /**
     * Checks tone settings against Q.24 and the level range.
     *
     * @throws IllegalArgumentException with a message fit for the settings form
     */
    public static void validateSettings(DtmfSettings settings) {
        var level = settings.levelDbfs();
        if (!(level >= MIN_LEVEL_DBFS && level <= MAX_LEVEL_DBFS)) {
            throw new IllegalArgumentException("DTMF level must be " + fmt(MIN_LEVEL_DBFS) + " to "
                    + fmt(MAX_LEVEL_DBFS) + " dBFS per frequency (the pair peaks 6 dB higher): " + level);
        }
        if (settings.toneMs() < MIN_TONE_MS || settings.toneMs() > MAX_TONE_MS) {
            throw new IllegalArgumentException("DTMF tone length must be " + MIN_TONE_MS + " to " + MAX_TONE_MS
                    + " ms (receivers need at least " + MIN_TONE_MS + " ms, ITU-T Q.24): " + settings.toneMs());
        }
        if (settings.pauseMs() < MIN_PAUSE_MS || settings.pauseMs() > MAX_PAUSE_MS) {
            throw new IllegalArgumentException("DTMF pause must be " + MIN_PAUSE_MS + " to " + MAX_PAUSE_MS
                    + " ms (receivers need at least " + MIN_PAUSE_MS + " ms, ITU-T Q.24): " + settings.pauseMs());
        }
    }

    /** The exact length of {@code codes} rendered in {@code format}, in frames. */
    public static long frames(List<String> codes, PcmFormat format, DtmfSettings settings) {
        return new Layout(codes, format, settings).totalFrames;
    }

    /**
     * The tones of {@code codes}, in order, followed by silence up to exactly {@code totalFrames}: the
     * player starts the next item right after the last frame, so the caller decides where the tones end
     * relative to the programme.
     *
     * @throws IllegalArgumentException when a code or the settings are invalid, or {@code totalFrames}
     *                                  is shorter than {@link #frames}
     */
    public static PcmStream stream(List<String> codes, PcmFormat format, DtmfSettings settings, long totalFrames) {
        var layout = new Layout(codes, format, settings);
        if (totalFrames < layout.totalFrames) {
            throw new IllegalArgumentException("DTMF codes " + codes + " need " + layout.totalFrames
                    + " frames (" + format.framesToMillis(layout.totalFrames) + " ms), only " + totalFrames
                    + " given");
        }
        return new ToneStream(layout, format, totalFrames);
    }

    private static String fmt(double db) {
        return db == Math.rint(db) ? Long.toString((long) db) : Double.toString(db);
    }

    private static long msToFrames(int ms, int rate) {
        return Math.round(ms * (double) rate / 1000);
    }

    /** Where each symbol starts and which frequencies it has. */
    private static final class Layout {

        final long rampFrames;
        final long toneFrames;
        final long symbolFrames;
        final double amplitude;
        final long[] starts;
        final double[] lowHz;
        final double[] highHz;
        final long totalFrames;

        Layout(List<String> codes, PcmFormat format, DtmfSettings settings) {
            validateSettings(settings);
            codes.forEach(DtmfTones::validateCode);
            var rate = format.sampleRate();
            rampFrames = Math.max(1, msToFrames(RAMP_MS, rate));
            toneFrames = msToFrames(settings.toneMs(), rate);
            var pauseFrames = msToFrames(settings.pauseMs(), rate);
            symbolFrames = rampFrames + toneFrames + rampFrames + pauseFrames;
            amplitude = Short.MAX_VALUE * StrictMath.pow(10, settings.levelDbfs() / 20);
            var startList = new ArrayList<Long>();
            var lows = new ArrayList<Double>();
            var highs = new ArrayList<Double>();
            var position = 0L;
            for (var i = 0; i < codes.size(); i++) {
                if (i > 0) {
                    // The second pause between villages: a receiver that missed a digit of the last
                    // code resets before the next one instead of joining them.
                    position += pauseFrames;
                }
                for (var c : codes.get(i).toCharArray()) {
                    var index = KEYPAD.indexOf(c);
                    startList.add(position);
                    lows.add(LOW_HZ[index / 4]);
                    highs.add(HIGH_HZ[index % 4]);
                    position += symbolFrames;
                }
            }
            totalFrames = position;
            starts = startList.stream().mapToLong(Long::longValue).toArray();
            lowHz = lows.stream().mapToDouble(Double::doubleValue).toArray();
            highHz = highs.stream().mapToDouble(Double::doubleValue).toArray();
        }

        /** The sample {@code offset} frames into a symbol, 0 in its pause. */
        short sample(int symbol, long offset, int rate) {
            var sounding = 2 * rampFrames + toneFrames;
            if (offset >= sounding) {
                return 0;
            }
            double envelope;
            if (offset < rampFrames) {
                envelope = raisedCosine(offset);
            } else if (offset >= rampFrames + toneFrames) {
                envelope = raisedCosine(sounding - 1 - offset);
            } else {
                envelope = 1;
            }
            // Both frequencies start at phase 0 in every symbol, so a symbol's samples do not depend
            // on where in the sequence it falls.
            var t = 2 * Math.PI * offset / rate;
            var v = amplitude * envelope * (StrictMath.sin(lowHz[symbol] * t) + StrictMath.sin(highHz[symbol] * t));
            return (short) Math.round(v);
        }

        /** 0 at the tone's outer edge, rising towards 1 where full level begins. */
        private double raisedCosine(long fromEdge) {
            return 0.5 - 0.5 * StrictMath.cos(Math.PI * fromEdge / rampFrames);
        }
    }

    /** Generates samples as they are read, so a long padding costs no memory. */
    private static final class ToneStream implements PcmStream {

        private final Layout layout;
        private final PcmFormat format;
        private final long totalFrames;
        private long position;
        private int symbol;

        ToneStream(Layout layout, PcmFormat format, long totalFrames) {
            this.layout = layout;
            this.format = format;
            this.totalFrames = totalFrames;
        }

        @Override
        public PcmFormat format() {
            return format;
        }

        @Override
        public int read(short[] buffer, int offset, int maxFrames) {
            if (position >= totalFrames) {
                return -1;
            }
            var frames = (int) Math.min(maxFrames, totalFrames - position);
            var channels = format.channels();
            var index = offset;
            for (var i = 0; i < frames; i++, position++) {
                var value = (short) 0;
                if (position < layout.totalFrames) {
                    while (symbol + 1 < layout.starts.length && layout.starts[symbol + 1] <= position) {
                        symbol++;
                    }
                    value = layout.sample(symbol, position - layout.starts[symbol], format.sampleRate());
                }
                for (var c = 0; c < channels; c++) {
                    buffer[index++] = value;
                }
            }
            return frames;
        }

        @Override
        public void close() {
        }
    }
}
