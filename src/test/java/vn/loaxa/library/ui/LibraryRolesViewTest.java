package vn.loaxa.library.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.component.upload.UploadTester;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.test.context.support.WithMockUser;

import vn.loaxa.library.AudioAsset;
import vn.loaxa.library.LibraryService;
import vn.loaxa.testing.RunAs;
import vn.loaxa.testing.TestAssets;
import vn.loaxa.testing.UiTest;
import vn.loaxa.testing.Wavs;

/**
 * Commune leadership (APPROVER) opens the Library to listen, and the API refuses them uploads: the
 * page offers them nothing that changes the library, and the service refuses it whichever way it is
 * asked, with the reason on the page rather than a stack trace.
 */
class LibraryRolesViewTest extends UiTest {

    @Autowired LibraryService library;
    @TempDir Path tmp;

    @Test
    @WithMockUser(username = "lanhdao", roles = "APPROVER")
    void an_approver_listens_in_the_library_but_is_offered_no_upload_rename_or_retire() throws Exception {
        var asset = TestAssets.wav(library, tmp, "Bản tin để nghe", 0.5);
        var view = navigate(LibraryView.class);

        assertThat(descendants(view)).as("no upload").noneMatch(c -> c instanceof Upload);
        assertThat(descendants(view)).as("no text-to-speech")
                .noneMatch(c -> c instanceof Button && "tts-open".equals(c.getId().orElse("")));
        @SuppressWarnings("unchecked")
        var grid = (Grid<AudioAsset>) find(Grid.class).id("library-grid");
        grid.asSingleSelect().setValue(asset);
        var detail = find(Div.class).id("asset-detail");
        assertThat(detail.getElement().getTextRecursively()).contains("Bản tin để nghe");
        assertThat(descendants(detail).filter(c -> c instanceof TextField).map(c -> ((TextField) c).isReadOnly()))
                .containsExactly(true);
        // Save and retire are there for editors; here their bar is hidden.
        var buttons = descendants(detail).filter(c -> c instanceof Button).toList();
        assertThat(buttons).hasSize(2).allSatisfy(b -> assertThat(isShown(b)).as(b.getElement().getText()).isFalse());

        // The service has the last word, whatever a page or a crafted request tries.
        var before = library.findAll().size();
        var wav = Wavs.write16(tmp.resolve("lanh-dao.wav"), 8_000, 1, Wavs.sine(8_000, 1, 0.5, 600, 0.3));
        assertThatThrownBy(() -> library.importFile(new ByteArrayInputStream(Files.readAllBytes(wav)), "lanh-dao.wav",
                null, "lanhdao")).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> library.setRetired(asset.id(), true)).isInstanceOf(AccessDeniedException.class);
        assertThat(library.findAll()).hasSize(before).noneMatch(a -> a.originalFilename().equals("lanh-dao.wav"));
        assertThat(library.find(asset.id()).orElseThrow().retired()).isFalse();
    }

    @Test
    @WithMockUser(username = "operator", roles = "OPERATOR")
    void an_upload_the_page_still_offered_after_the_rights_changed_is_refused_with_the_reason_in_vietnamese()
            throws Exception {
        navigate(LibraryView.class);
        var upload = new UploadTester<>(find(Upload.class).id("library-upload"));
        var wav = Wavs.write16(tmp.resolve("tin-cu.wav"), 8_000, 1, Wavs.sine(8_000, 1, 0.5, 700, 0.3));
        var before = library.findAll().size();

        // The request arrives from someone the service does not let import.
        RunAs.call("lanhdao", "APPROVER", () -> {
            upload.upload("tin-cu.wav", "audio/wav", Files.readAllBytes(wav));
            return null;
        });
        roundTrip();

        var results = find(Div.class).id("upload-results").getElement().getTextRecursively();
        assertThat(results).contains("tin-cu.wav: Tài khoản của bạn không có quyền làm việc này.");
        assertThat(results).doesNotContain("Exception").doesNotContain("!ui.");
        assertThat(library.findAll()).hasSize(before).noneMatch(a -> a.originalFilename().equals("tin-cu.wav"));
    }

    private static boolean isShown(Component c) {
        return Stream.iterate(c, p -> p != null, p -> p.getParent().orElse(null)).allMatch(Component::isVisible);
    }

    private static Stream<Component> descendants(Component root) {
        return Stream.concat(Stream.of(root), root.getChildren().flatMap(LibraryRolesViewTest::descendants));
    }
}
