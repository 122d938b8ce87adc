package vn.loaxa.audio.mp3;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import vn.loaxa.audio.PcmStream;

/**
 * Decodes the MPEG audio conformance vectors and measures them against their reference PCM, as
 * the vectors' README describes: over the reference length, with l3-sin1k0db's two leading silent
 * frames skipped and l3-he_mode compared frame by frame in each frame's own channel count. Public
 * so that a benchmark can run it.
 */
public final class Mp3Conformance {

    /** ISO/IEC 11172-4 full accuracy in 16-bit LSB: RMS below 2^-15/sqrt(12) of full scale. */
    public static final double FULL_RMS = 32768.0 * Math.pow(2, -15) / Math.sqrt(12);
    public static final int FULL_MAX = 2;

    /** Frames that mpg123 plays as silence and the sin1k0db reference leaves out. */
    private static final int SIN1K0DB_SILENT_FRAMES = 2;

    /**
     * @param decodedFrames frames decoded (per channel samples / samples per frame)
     * @param streamFrames audio frames in the file
     */
    public record Result(String name, double rms, int max, boolean full, long decodedFrames,
            long streamFrames, long comparedSamples) {

        public boolean whole() {
            return decodedFrames == streamFrames;
        }

        public String line() {
            return String.format(java.util.Locale.ROOT,
                    "CONFORMANCE %s rms=%.3f max=%d full=%s frames=%d/%d", name, rms, max, full,
                    decodedFrames, streamFrames);
        }
    }

    private Mp3Conformance() {
    }

    public static List<Result> run(Path dir) throws IOException {
        return run(dir, false);
    }

    /** {@code forceRepack} decodes every vector through the bitstream repacker. */
    public static List<Result> run(Path dir, boolean forceRepack) throws IOException {
        List<Path> vectors;
        try (Stream<Path> s = Files.list(dir)) {
            vectors = s.filter(p -> p.getFileName().toString().endsWith(".bit")).sorted()
                    .toList();
        }
        List<Result> results = new ArrayList<>();
        for (Path bit : vectors) {
            String name = bit.getFileName().toString().replaceFirst("\\.bit$", "");
            try {
                results.add(measure(name, bit, dir.resolve(name + ".pcm"), forceRepack));
            } catch (IOException e) {
                throw new IOException(name + ": " + e.getMessage(), e);
            }
        }
        return results;
    }

    static Result measure(String name, Path bit, Path pcm, boolean forceRepack)
            throws IOException {
        short[] reference = readPcm(pcm);
        int[] frameChannels = frameChannels(bit);
        int channels;
        short[] decoded;
        int samplesPerFrame;
        try (PcmStream stream = Mp3Decoder.open(bit, new Mp3Decoder.Options(forceRepack, true))) {
            channels = stream.format().channels();
            decoded = readAll(stream);
        }
        try (FileWindow w = new FileWindow(bit)) {
            FrameReader r = new FrameReader(w, TagSkipper.find(w), true);
            r.firstFrameOffset();
            samplesPerFrame = r.next().header().samplesPerFrame();
        }
        long decodedFrames = decoded.length / channels / samplesPerFrame;
        int skipFrames = name.equals("l3-sin1k0db") ? SIN1K0DB_SILENT_FRAMES : 0;

        double sumSq = 0;
        int max = 0;
        long n = 0;
        int ref = 0;
        // Walk frame by frame so that a stream mixing channel counts compares each frame in the
        // layout the reference stores it in (mono frames as one channel).
        for (int f = skipFrames; f < frameChannels.length && ref < reference.length; f++) {
            int base = f * samplesPerFrame * channels;
            for (int i = 0; i < samplesPerFrame && ref < reference.length; i++) {
                for (int c = 0; c < frameChannels[f] && ref < reference.length; c++) {
                    int idx = base + i * channels + c;
                    int d = idx < decoded.length ? Math.abs(decoded[idx] - reference[ref])
                            : Math.abs(reference[ref]) + 65536;
                    sumSq += (double) d * d;
                    max = Math.max(max, d);
                    n++;
                    ref++;
                }
            }
        }
        if (ref < reference.length) {
            max = Integer.MAX_VALUE;
        }
        double rms = Math.sqrt(sumSq / Math.max(1, n));
        return new Result(name, rms, max, rms < FULL_RMS && max <= FULL_MAX, decodedFrames,
                frameChannels.length, n);
    }

    /** Channel count of every audio frame, from the file's own headers. */
    static int[] frameChannels(Path bit) throws IOException {
        try (FileWindow w = new FileWindow(bit)) {
            FrameReader r = new FrameReader(w, TagSkipper.find(w), true);
            List<Integer> list = new ArrayList<>();
            for (Frame f = r.next(); f != null; f = r.next()) {
                if (f.index() == 0 && HeaderFrame.parse(f) != null) {
                    continue;
                }
                list.add(f.header().channels());
            }
            return list.stream().mapToInt(Integer::intValue).toArray();
        }
    }

    static short[] readAll(PcmStream stream) throws IOException {
        int channels = stream.format().channels();
        short[] buf = new short[4096 * channels];
        short[] all = new short[1 << 16];
        int size = 0;
        for (int n; (n = stream.read(buf, 0, 4096)) >= 0; ) {
            int count = n * channels;
            if (size + count > all.length) {
                all = java.util.Arrays.copyOf(all, Math.max(all.length * 2, size + count));
            }
            System.arraycopy(buf, 0, all, size, count);
            size += count;
        }
        return java.util.Arrays.copyOf(all, size);
    }

    static short[] readPcm(Path pcm) throws IOException {
        ShortBuffer sb = ByteBuffer.wrap(Files.readAllBytes(pcm)).order(ByteOrder.LITTLE_ENDIAN)
                .asShortBuffer();
        short[] out = new short[sb.remaining()];
        sb.get(out);
        return out;
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "../shared/conformance/mp3");
        boolean force = args.length > 1 && args[1].equals("repack");
        for (Result r : run(dir, force)) {
            System.out.println(r.line());
        }
    }
}
