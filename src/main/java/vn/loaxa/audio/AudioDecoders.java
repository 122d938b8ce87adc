package vn.loaxa.audio;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import vn.loaxa.audio.AudioDecodeException.Reason;
import vn.loaxa.audio.mp3.Mp3Decoder;
import vn.loaxa.audio.wav.WavDecoder;

/**
 * Opens an audio file by what its bytes are, never by its name: a renamed file is judged on its
 * content, and a file that is not audio at all gets a reason the operator can act on.
 */
public final class AudioDecoders {

    public enum Container { MP3, WAV }

    private AudioDecoders() {
    }

    public static Container sniff(Path file) throws IOException {
        byte[] head = new byte[512];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        if (n == 0) {
            throw new AudioDecodeException(Reason.EMPTY_FILE, "The file is empty (0 bytes)");
        }
        head = Arrays.copyOf(head, n);
        if (starts(head, "RIFF") && n >= 12 && ascii(head, 8, 4).equals("WAVE")) {
            return Container.WAV;
        }
        if (starts(head, "RF64") || starts(head, "RIFX")) {
            throw new AudioDecodeException(Reason.UNSUPPORTED_FORMAT, "RF64/RIFX WAV variants are not supported");
        }
        String other = otherKnownFormat(head);
        if (other != null) {
            throw new AudioDecodeException(Reason.UNSUPPORTED_FORMAT, "This is " + other + ", not MP3 or WAV");
        }
        String notAudio = knownNonAudio(head);
        if (notAudio == null && looksLikeText(head)) {
            notAudio = "a text file";
        }
        if (notAudio != null) {
            throw new AudioDecodeException(Reason.NOT_AUDIO, "This is " + notAudio + ", not an audio file");
        }
        // Anything else is tried as MP3: ID3 tags, bare frames, or junk the MP3 reader will refuse.
        return Container.MP3;
    }

    public static PcmStream open(Path file) throws IOException {
        return switch (sniff(file)) {
            case WAV -> WavDecoder.open(file);
            case MP3 -> Mp3Decoder.open(file);
        };
    }

    private static String otherKnownFormat(byte[] h) {
        if (starts(h, "OggS")) {
            return "an Ogg (Vorbis/Opus) file";
        }
        if (starts(h, "fLaC")) {
            return "a FLAC file";
        }
        if (h.length >= 8 && ascii(h, 4, 4).equals("ftyp")) {
            return "an MP4/M4A/AAC file";
        }
        if (starts(h, "FORM") && h.length >= 12 && ascii(h, 8, 4).startsWith("AIF")) {
            return "an AIFF file";
        }
        if (starts(h, "0&\u00b2u")) {
            return "a WMA file";
        }
        if (h.length >= 2 && (h[0] & 0xff) == 0xff && (h[1] & 0xf6) == 0xf0) {
            return "an AAC (ADTS) file";
        }
        return null;
    }

    private static String knownNonAudio(byte[] h) {
        if (h.length >= 8 && (h[0] & 0xff) == 0x89 && ascii(h, 1, 3).equals("PNG")) {
            return "a PNG image";
        }
        if (h.length >= 3 && (h[0] & 0xff) == 0xff && (h[1] & 0xff) == 0xd8 && (h[2] & 0xff) == 0xff) {
            return "a JPEG image";
        }
        if (starts(h, "GIF8")) {
            return "a GIF image";
        }
        if (starts(h, "%PDF")) {
            return "a PDF document";
        }
        if (starts(h, "PK\u0003\u0004")) {
            return "a ZIP archive or Office document";
        }
        if (h.length >= 8 && (h[0] & 0xff) == 0xd0 && (h[1] & 0xff) == 0xcf) {
            return "an old Office document";
        }
        if (starts(h, "RIFF") && h.length >= 12) {
            return "a RIFF " + ascii(h, 8, 4).strip() + " file";
        }
        return null;
    }

    /**
     * Text (a renamed .txt, .html, .csv) is valid UTF-8 without control bytes; MPEG frames and
     * ID3 headers always contain bytes that rule that out within the first few hundred.
     */
    private static boolean looksLikeText(byte[] h) {
        var decoder = StandardCharsets.UTF_8.newDecoder();
        // The sample may end inside a multi-byte character; drop up to three trailing bytes.
        for (int cut = 0; cut < 4 && cut < h.length; cut++) {
            try {
                var text = decoder.decode(java.nio.ByteBuffer.wrap(h, 0, h.length - cut));
                return text.chars().allMatch(c -> c >= 0x20 || c == '\n' || c == '\r' || c == '\t');
            } catch (java.nio.charset.CharacterCodingException e) {
                decoder.reset();
            }
        }
        return false;
    }

    private static boolean starts(byte[] h, String magic) {
        byte[] m = magic.getBytes(StandardCharsets.ISO_8859_1);
        if (h.length < m.length) {
            return false;
        }
        for (int i = 0; i < m.length; i++) {
            if (h[i] != m[i]) {
                return false;
            }
        }
        return true;
    }

    private static String ascii(byte[] h, int from, int len) {
        return new String(h, from, Math.min(len, h.length - from), StandardCharsets.ISO_8859_1);
    }
}
