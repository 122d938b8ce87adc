package vn.loaxa.audio;

/**
 * Audio longer than the station accepts for one file. Decoding stopped as soon as that was known:
 * before the first frame when the file says how long it is (the WAV header, the MP3 frame count),
 * else at the limit.
 */
public class AudioTooLongException extends AudioDecodeException {

    private final long durationMs;
    private final long limitMs;
    private final boolean wholeLength;

    /**
     * @param durationMs  the file's length, or how much of it was decoded before stopping
     * @param wholeLength whether {@code durationMs} is the whole file (else it is "at least")
     */
    public AudioTooLongException(long durationMs, long limitMs, boolean wholeLength) {
        super(Reason.TOO_LONG, (wholeLength ? "" : "More than ") + durationMs + " ms of audio, over the limit of "
                + limitMs + " ms");
        this.durationMs = durationMs;
        this.limitMs = limitMs;
        this.wholeLength = wholeLength;
    }

    public long durationMs() {
        return durationMs;
    }

    public long limitMs() {
        return limitMs;
    }

    public boolean wholeLength() {
        return wholeLength;
    }
}
