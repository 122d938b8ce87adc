package vn.loaxa.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

import vn.loaxa.base.InvalidInputException;
import vn.loaxa.station.StationSettings;
import vn.loaxa.testing.SpringTest;

/** The grace window an admin saves is the one the station uses, at once; never set, configuration's. */
@WithMockUser(username = "quantri", roles = "ADMIN")
class GraceSettingTest extends SpringTest {

    @Autowired StationSettings settings;

    @Autowired GraceSettings graceSettings;
    @Autowired PlayoutProperties configured;
    @Autowired OneOffService oneOffs;
    @Autowired Clock clock;

    @Test
    void the_grace_is_the_configured_one_until_an_admin_saves_another() {
        assertThat(graceSettings.grace()).isEqualTo(configured.grace()).isEqualTo(Duration.ofMinutes(10));
        try {
            graceSettings.setGraceMinutes(5);
            assertThat(graceSettings.grace()).isEqualTo(Duration.ofMinutes(5));
            graceSettings.setGraceMinutes(0);
            assertThat(graceSettings.grace()).isZero();
        } finally {
            settings.resetToDefault(GraceSettings.GRACE_MINUTES);
        }
        assertThat(graceSettings.grace()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void a_one_off_seven_minutes_late_is_refused_once_the_grace_is_five_minutes() {
        try {
            graceSettings.setGraceMinutes(5);
            // Within the configured 10 minutes, so only the saved 5 can refuse it.
            var sevenMinutesAgo = clock.instant().minus(Duration.ofMinutes(7));
            assertThatThrownBy(() -> oneOffs.schedule("Thông báo muộn", sevenMinutesAgo, List.of(), List.of(),
                    Priority.NORMAL, null))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                        assertThat(e.code()).isEqualTo("IN_THE_PAST");
                        assertThat(e.args()).extracting(String::valueOf).containsExactly("5");
                    });
        } finally {
            settings.resetToDefault(GraceSettings.GRACE_MINUTES);
        }
    }

    @Test
    void a_grace_outside_zero_to_sixty_minutes_is_refused_and_the_old_one_kept() {
        assertThatThrownBy(() -> graceSettings.setGraceMinutes(90)).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.messageKey()).isEqualTo("error.settings.grace"));
        assertThatThrownBy(() -> graceSettings.setGraceMinutes(-1)).isInstanceOf(InvalidInputException.class);
        assertThat(graceSettings.grace()).isEqualTo(configured.grace());
    }
}
