/**
 * Playing PCM on a Java Sound output line: device discovery, conversion to the line format, and a
 * gapless player that places the first sample at a wall-clock instant.
 */
@NullMarked
@NamedInterface("output")
package vn.loaxa.audio.output;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
