package vn.loaxa.zone;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import vn.loaxa.audio.PcmFormat;

/**
 * The lead a DTMF broadcast starts with must hold its tones at the line's own rate, or the tones
 * would refuse to open and the villages stay off: checked over many code sets, rates and timings.
 */
class DtmfLeadTest {

    @Test
    void the_lead_always_holds_the_tones_at_every_line_rate_and_is_whole_10_ms() {
        var random = new Random(7);
        var symbols = "0123456789*#ABCD";
        for (int run = 0; run < 500; run++) {
            var codes = new ArrayList<String>();
            for (int c = 0, n = 1 + random.nextInt(7); c < n; c++) {
                var code = new StringBuilder();
                for (int i = 0, len = 1 + random.nextInt(6); i < len; i++) {
                    code.append(symbols.charAt(random.nextInt(symbols.length())));
                }
                codes.add(code.toString());
            }
            var settings = new DtmfSettings(-10, 40 + random.nextInt(200), 40 + random.nextInt(200));
            long lead = ZoneSwitchboard.leadMillis(codes, settings, Duration.ofMillis(random.nextInt(3_000)));
            assertThat(lead % 10).isZero();
            for (int rate : new int[] {8_000, 22_050, 44_100, 48_000, 96_000}) {
                long frames = DtmfTones.frames(codes, new PcmFormat(rate, 2), settings);
                assertThat(lead * rate / 1000).as("%s at %d Hz, %s", codes, rate, settings).isGreaterThanOrEqualTo(frames);
            }
        }
    }

    @Test
    void without_codes_the_lead_is_the_pre_roll() {
        assertThat(ZoneSwitchboard.leadMillis(List.of(), DtmfSettings.DEFAULT, Duration.ofMillis(2_000))).isEqualTo(2_000);
        assertThat(ZoneSwitchboard.leadMillis(List.of("*31#"), DtmfSettings.DEFAULT, Duration.ZERO))
                .isEqualTo((DtmfTones.frames(List.of("*31#"), new PcmFormat(1_000, 1), DtmfSettings.DEFAULT) + 10 + 9)
                        / 10 * 10);
    }
}
