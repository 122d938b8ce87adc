/**
 * Decoding audio files (MP3 through JLayer, WAV through Java Sound) into 16-bit PCM and playing
 * it on a Java Sound output line: the station's audio path, below any scheduling.
 */
@NullMarked
package vn.loaxa.audio;

import org.jspecify.annotations.NullMarked;
