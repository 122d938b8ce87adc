package vn.loaxa.library;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** An imported, proven-playable audio file. */
public record AudioAsset(long id, String title, String originalFilename, String storedName, String sha256,
                         long sizeBytes, String container, long durationMs, long frames, int sampleRate,
                         int channels, double peakDbfs, @Nullable Double loudnessLufs, Instant importedAt,
                         String importedBy, boolean retired) {
}
