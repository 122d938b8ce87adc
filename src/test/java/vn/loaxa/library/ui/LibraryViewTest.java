package vn.loaxa.library.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.component.upload.UploadTester;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

import vn.loaxa.library.LibraryService;
import vn.loaxa.testing.UiTest;
import vn.loaxa.testing.Wavs;

@WithMockUser(username = "operator", roles = "OPERATOR")
class LibraryViewTest extends UiTest {

    @Autowired LibraryService library;
    @TempDir Path tmp;

    @Test
    void uploads_several_files_and_answers_each_in_plain_vietnamese() throws Exception {
        navigate(LibraryView.class);
        var wav = Wavs.write16(tmp.resolve("tin-sang.wav"), 8_000, 1, Wavs.sine(8_000, 1, 1.5, 523, 0.3));
        var upload = new UploadTester<>(find(Upload.class).id("library-upload"));

        upload.upload("tin-sang.wav", "audio/wav", Files.readAllBytes(wav));
        upload.upload("ghi-chu.mp3", "audio/mpeg", "Đây là văn bản, không phải âm thanh".getBytes());
        roundTrip();

        var results = find(Div.class).id("upload-results").getElement().getTextRecursively();
        assertThat(results).contains("Đã nhập \"tin-sang\"")
                .contains("ghi-chu.mp3: Đây không phải tệp âm thanh");
        assertThat(library.findAll()).anyMatch(a -> a.originalFilename().equals("tin-sang.wav"));
        assertThat(library.findAll()).noneMatch(a -> a.originalFilename().equals("ghi-chu.mp3"));
    }
}
