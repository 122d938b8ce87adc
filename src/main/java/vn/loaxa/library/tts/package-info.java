/**
 * Text-to-speech: an operator's Vietnamese text becomes a library asset, through a
 * {@link vn.loaxa.library.tts.SpeechSynthesizer} (espeak-ng when it is installed, detected at run time).
 * Exposed to the schedule, whose emergency presets are spoken when saved.
 */
@NullMarked
@NamedInterface("tts")
package vn.loaxa.library.tts;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
