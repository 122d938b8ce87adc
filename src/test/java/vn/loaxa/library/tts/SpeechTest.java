package vn.loaxa.library.tts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import tools.jackson.databind.json.JsonMapper;

import vn.loaxa.audio.AudioDecoders;
import vn.loaxa.library.LibraryService;
import vn.loaxa.testing.Api;
import vn.loaxa.testing.SpringTest;

class SpeechTest extends SpringTest {

    @LocalServerPort
    int port;
    @Autowired
    LibraryService library;
    @Autowired
    EspeakNgSynthesizer espeak;

    final JsonMapper json = JsonMapper.builder().build();

    private void assumeEspeak() {
        // CI installs espeak-ng, so there its absence is a failure, not a skip.
        if (!"true".equals(System.getenv("CI"))) {
            assumeTrue(espeak.available(), "espeak-ng is not installed here");
        }
    }

    @Test
    void an_operator_turns_a_vietnamese_text_into_a_library_asset() throws Exception {
        assumeEspeak();
        var response = new Api(port).postJson("/api/tts", "admin", ADMIN_PASSWORD, """
                {"text": "Thông báo: chiều nay lúc 14 giờ, Ủy ban nhân dân xã Gio Sơn tổ chức họp dân tại nhà văn hóa thôn 3.",
                 "title": "Thông báo họp dân thôn 3", "voice": "vi"}""", null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        Map<?, ?> asset = json.readValue(response.body(), Map.class);
        assertThat(asset.get("title")).isEqualTo("Thông báo họp dân thôn 3");
        assertThat(asset.get("format")).isEqualTo("WAV");
        assertThat(((Number) asset.get("durationMs")).longValue()).isBetween(3_000L, 30_000L);
        var stored = library.find(((Number) asset.get("id")).longValue()).orElseThrow();
        try (var pcm = AudioDecoders.open(library.fileOf(stored))) {
            assertThat(pcm.read(new short[4096 * pcm.format().channels()], 0, 4096)).isPositive();
        }
    }

    @Test
    void the_central_and_southern_voices_work_and_an_unknown_voice_is_refused() throws Exception {
        assumeEspeak();
        var api = new Api(port);
        assertThat(api.postJson("/api/tts", "admin", ADMIN_PASSWORD,
                "{\"text\": \"Bà con chú ý lắng nghe.\", \"voice\": \"vi-vn-x-south\"}", null).statusCode())
                .isIn(200, 201);
        var unknown = api.postJson("/api/tts", "admin", ADMIN_PASSWORD,
                "{\"text\": \"Xin chào\", \"voice\": \"fr\"}", null);
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat((String) json.readValue(unknown.body(), Map.class).get("error")).contains("Không có giọng đọc");
        var blank = api.postJson("/api/tts", "admin", ADMIN_PASSWORD, "{\"text\": \"  \"}", null);
        assertThat(blank.statusCode()).isEqualTo(400);
    }

    @Test
    void without_espeak_ng_the_station_says_so_clearly_with_503() throws Exception {
        var missing = new EspeakNgSynthesizer(new TtsProperties("/nonexistent/espeak-ng", 150, 5000));
        assertThat(missing.available()).isFalse();
        var service = new SpeechService(missing, library, new TtsProperties("/nonexistent/espeak-ng", 150, 5000));
        assertThatThrownBy(() -> service.speak("Xin chào bà con", null, null))
                .isInstanceOf(SpeechUnavailableException.class);

        var mvc = MockMvcBuilders.standaloneSetup(new TtsController(service)).build();
        mvc.perform(post("/api/tts").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"text\": \"Xin chào bà con\"}"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.code").value("TTS_UNAVAILABLE"))
                .andExpect(jsonPath("$.error").value(org.hamcrest.Matchers.startsWith(
                        "Máy đài chưa cài phần mềm đọc văn bản espeak-ng")));
    }
}
