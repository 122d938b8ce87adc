/**
 * Village loudspeaker switching: before a broadcast its villages' loudspeakers are switched on, after
 * it they are switched off, and every switch is logged per village as evidence of who heard it.
 *
 * <p>Words used here: a <b>zone</b> is one village's loudspeakers as the station switches them; a
 * <b>driver</b> is how the station reaches them (a serial relay board, DTMF control tones in the
 * programme audio, an MQTT message to an IP cluster, an operator's program, or none); a zone's
 * <b>address</b> is what its driver needs (a relay number, a DTMF code, a topic, a code); the
 * <b>pre-roll</b> is how long before a broadcast's instant its zones are switched on.
 */
@NullMarked
package vn.loaxa.zone;

import org.jspecify.annotations.NullMarked;
