package vn.loaxa.library;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StoredNamesTest {

    private static final String SHA = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    @Test
    void vietnamese_names_become_ascii_slugs_with_a_content_hash() {
        assertThat(StoredNames.of("Đài TT xã Gio Sơn - Bản tin CCHC số 1.mp3", SHA, "MP3"))
                .isEqualTo("dai-tt-xa-gio-son-ban-tin-cchc-so-1-0123456789ab.mp3");
        assertThat(StoredNames.of("THÔNG BÁO ỦY BAN.WAV", SHA, "WAV")).isEqualTo("thong-bao-uy-ban-0123456789ab.wav");
    }

    @Test
    void paths_shell_characters_and_empty_names_are_neutralised() {
        assertThat(StoredNames.of("..\\..\\windows\\evil;rm -rf.mp3", SHA, "MP3")).isEqualTo("evil-rm-rf-0123456789ab.mp3");
        assertThat(StoredNames.of("../../etc/passwd", SHA, "WAV")).isEqualTo("passwd-0123456789ab.wav");
        assertThat(StoredNames.of("？？？.mp3", SHA, "MP3")).isEqualTo("audio-0123456789ab.mp3");
        assertThat(StoredNames.of("a".repeat(300) + ".mp3", SHA, "MP3")).hasSize(60 + 1 + 12 + 4);
    }

    @Test
    void the_container_decides_the_extension_not_the_uploaded_name() {
        assertThat(StoredNames.of("bantin.mp3", SHA, "WAV")).endsWith(".wav");
    }
}
