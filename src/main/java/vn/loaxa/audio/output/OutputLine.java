package vn.loaxa.audio.output;

/**
 * An open output line as the playout uses it: bytes in, frames out at the line's sample rate, and a
 * position counting the frames that have left it. The production line is Java Sound's
 * {@code SourceDataLine} ({@link OutputPort#javaSound()}); a test may put a simulated line here.
 *
 * <p>Semantics the playout relies on, as Java Sound gives them: {@link #write} blocks while the
 * line's buffer is full and returns short only when the line was stopped, closed or lost its device;
 * a line written before {@link #start()} keeps what was written and plays it from frame 0.
 */
public interface OutputLine {

    /** Writes whole frames; blocks while the buffer is full; returns the bytes taken. */
    int write(byte[] bytes, int offset, int length);

    /** Starts taking audio from the buffer (write first, then start: see {@code Playout}). */
    void start();

    /** Blocks until everything written has left the line. */
    void drain();

    /** Releases the device; a write blocked in another thread returns. */
    void close();

    boolean isOpen();

    /** Frames that have left the line since it was opened. */
    long framePosition();
}
