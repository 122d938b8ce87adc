/**
 * Capturing PCM from an input line (the station PC's microphone or line-in) for a live broadcast:
 * device discovery, and a capture the player plays like an item while it records what it read.
 */
@NullMarked
@NamedInterface("input")
package vn.loaxa.audio.input;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
