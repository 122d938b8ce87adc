package vn.loaxa.audio.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.loaxa.audio.LoudnessGain;
import vn.loaxa.audio.PcmFormat;
import vn.loaxa.audio.testsupport.ArrayPcmStream;

/**
 * Each item's loudness gain on a simulated line and clock (decision 0034): applied to the item's own
 * samples exactly, with the items still joined without a sample between them and the first sample
 * still on the requested instant.
 */
class ItemGainOnSimulatedLineTest {

    private static final PcmFormat FORMAT = new PcmFormat(8_000, 1);
    private static final long FRAME_NANOS = 1_000_000_000L / FORMAT.sampleRate();
    private static final PlayerConfig CONFIG = PlayerConfig.defaults().withDeviceName(SimulatedPort.DEVICE)
            .withLineFormat(FORMAT);

    private final SimulatedClock clock = new SimulatedClock(Instant.parse("2026-03-02T00:59:55Z"));
    private final SimulatedPort port = new SimulatedPort(clock);

    @Test
    void each_item_gets_its_own_gain_and_the_joins_stay_zero_samples() throws Exception {
        var requested = clock.instant().plusSeconds(2);

        var handle = play(requested, constant("quiet", 1_000, 3_001, 2.0), constant("as is", 2_001, 1_234, 1.0),
                constant("loud", 3_001, 777, 0.5));

        assertThat(handle.outcome()).contains(PlayoutHandle.Outcome.FINISHED);
        var line = port.onlyLine();
        var a = run(line, 2_000);
        var b = run(line, 2_000 + 1);
        var c = run(line, 1_501); // 3001 x 0.5 = 1500.5, rounded half up
        assertThat(List.of(a.length(), b.length(), c.length())).containsExactly(3_001L, 1_234L, 777L);
        assertThat(b.from()).as("no sample between the first two items").isEqualTo(a.to());
        assertThat(c.from()).as("no sample between the last two items").isEqualTo(b.to());
        assertThat(Math.abs(line.nanosOfFrame(a.from()) - clock.toNanoTime(requested)))
                .as("the first sample still leaves on the requested instant").isLessThanOrEqualTo(FRAME_NANOS);
        assertThat(line.dryFrames()).isZero();
    }

    @Test
    void the_gain_multiplies_every_sample_exactly_and_clips_at_full_scale() throws Exception {
        double gain = LoudnessGain.linear(6.0);
        short[] signal = new short[5_000];
        for (int i = 0; i < signal.length; i++) {
            // A ramp through the whole range: small values, and ones the gain pushes past full scale.
            signal[i] = (short) ((i * 13L) % 65_536 - 32_768);
        }
        var requested = clock.instant().plusSeconds(1);
        // A marker item of its own first, at unity, so the gained item's first frame is known exactly.
        play(requested, constant("marker", 1_234, 100, 1.0),
                new PlayoutItem("ramp", () -> new ArrayPcmStream(FORMAT, signal, 333), gain));

        var line = port.onlyLine();
        long first = run(line, 1_234).to();
        int clipped = 0;
        for (int i = 0; i < signal.length; i++) {
            long expected = Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(signal[i] * gain)));
            if (Math.abs(expected) == Short.MAX_VALUE || expected == Short.MIN_VALUE) {
                clipped++;
            }
            assertThat(line.sample(first + i)).as("sample %d", i).isEqualTo((short) expected);
        }
        assertThat(clipped).as("the ramp reached full scale, so clipping was exercised").isPositive();
    }

    @Test
    void unity_gain_leaves_the_samples_bit_exact() throws Exception {
        short[] signal = new short[2_000];
        for (int i = 0; i < signal.length; i++) {
            signal[i] = (short) (i * 31 - 31_000);
        }
        play(clock.instant().plusSeconds(1), constant("marker", 4_321, 50, 1.0),
                new PlayoutItem("as is", () -> new ArrayPcmStream(FORMAT, signal, 250), 1.0));

        var line = port.onlyLine();
        long first = run(line, 4_321).to();
        for (int i = 0; i < signal.length; i++) {
            assertThat(line.sample(first + i)).isEqualTo(signal[i]);
        }
    }

    private PlayoutHandle play(Instant requested, PlayoutItem... items) throws NoOutputDeviceException {
        return new Player(CONFIG, port, clock).playHere(List.of(items), requested, new PlayoutListener() {
        }, p -> {
        });
    }

    private static PlayoutItem constant(String label, int value, int frames, double gain) {
        short[] samples = new short[frames];
        Arrays.fill(samples, (short) value);
        return new PlayoutItem(label, () -> new ArrayPcmStream(FORMAT, samples, 333), gain);
    }

    private static SimulatedLine.Run run(SimulatedLine line, int value) {
        var runs = line.runs().stream().filter(r -> r.value() == value).toList();
        assertThat(runs).as("runs of " + value).hasSize(1);
        return runs.getFirst();
    }
}
