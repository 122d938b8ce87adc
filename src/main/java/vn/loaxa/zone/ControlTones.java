package vn.loaxa.zone;

import java.util.List;

/**
 * DTMF codes a broadcast plays in its own audio: the on-codes of its villages before the first
 * item, the off-codes after the last. The lead lasts exactly {@code leadMs} (tones, then silence),
 * so the engine starts the audio that much before the instant and the first item still lands on it.
 */
public record ControlTones(List<String> onCodes, List<String> offCodes, long leadMs, DtmfSettings settings) {
    public ControlTones {
        onCodes = List.copyOf(onCodes);
        offCodes = List.copyOf(offCodes);
    }
}
