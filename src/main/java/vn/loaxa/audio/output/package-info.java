/**
 * Playing PCM on an output line: device discovery, conversion to the line format, and a gapless
 * player that places the first sample at a wall-clock instant.
 *
 * <h2>Glossary</h2>
 * Shared with {@code vn.loaxa.playout} (broadcast, item, start instant, lead: see there).
 * <dl>
 *   <dt>line</dt>
 *   <dd>One open output line ({@link vn.loaxa.audio.output.OutputLine}): frames in, frames out at its
 *       sample rate, a <em>buffer</em> of queued frames and a <em>position</em> counting the frames that
 *       have left it. Opened for one playout, the lead before its start instant; written first, then
 *       started.</dd>
 *   <dt>port</dt>
 *   <dd>Where lines come from ({@link vn.loaxa.audio.output.OutputPort}): the station's Java Sound
 *       devices, or a simulated device in tests.</dd>
 *   <dt>playout</dt>
 *   <dd>One line from open to close: a list of items played back to back on it, the first sample on
 *       the start instant ({@code Playout}, run by {@link vn.loaxa.audio.output.Player}).</dd>
 *   <dt>playout handle</dt>
 *   <dd>The caller's handle on a running playout: stop, volume, wait for its end
 *       ({@link vn.loaxa.audio.output.PlayoutHandle}).</dd>
 *   <dt>join</dt>
 *   <dd>Where one item ends and the next begins within a playout: no sample added or lost.</dd>
 *   <dt>line clock</dt>
 *   <dd>Line position to monotonic time ({@code LineClock}); the <em>playout clock</em>
 *       ({@link vn.loaxa.audio.output.PlayoutClock}) is monotonic time, its instants, and waiting.</dd>
 *   <dt>mark</dt>
 *   <dd>An event due when the line's position passes a frame: "item started" means audible, not
 *       decoded.</dd>
 *   <dt>output latency</dt>
 *   <dd>The measured offset between the line clock and the sound leaving the card.</dd>
 * </dl>
 */
@NullMarked
@NamedInterface("output")
package vn.loaxa.audio.output;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
