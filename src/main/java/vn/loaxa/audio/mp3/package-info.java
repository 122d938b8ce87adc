/**
 * MP3 decoding on top of JLayer, corrected to conformance accuracy and mpg123's gapless output.
 * {@link vn.loaxa.audio.mp3.Mp3Decoder} is the entry point; everything else is internal.
 */
@NullMarked
package vn.loaxa.audio.mp3;

import org.jspecify.annotations.NullMarked;
