package vn.loaxa.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.context.SecurityContextHolder;

import vn.loaxa.bulletin.Bulletin;
import vn.loaxa.bulletin.BulletinService;
import vn.loaxa.bulletin.TopicService;
import vn.loaxa.library.LibraryService;
import vn.loaxa.playout.StationOutput;
import vn.loaxa.playout.VillageTest;
import vn.loaxa.schedule.OneOffService;
import vn.loaxa.schedule.Priority;
import vn.loaxa.schedule.Programme;
import vn.loaxa.schedule.ProgrammeService;
import vn.loaxa.schedule.QueueService;
import vn.loaxa.schedule.StartPolicy;
import vn.loaxa.schedulefile.ScheduleFileService;
import vn.loaxa.station.StationSettings;
import vn.loaxa.playout.PlayoutSettings;
import vn.loaxa.schedule.GraceSettings;
import vn.loaxa.library.AudioLimits;
import vn.loaxa.watch.DiskThresholds;
import vn.loaxa.bulletin.ApprovalRule;
import vn.loaxa.schedule.EmergencyRights;
import vn.loaxa.station.VillageService;
import vn.loaxa.testing.RunAs;
import vn.loaxa.testing.SpringTest;
import vn.loaxa.library.tts.SpeechService;
import vn.loaxa.zone.DriverKind;
import vn.loaxa.zone.SwitchingConfig;
import vn.loaxa.zone.VillageZones;
import vn.loaxa.zone.ZoneSettings;

/**
 * Every service method that changes something, called directly (not over HTTP) as each role, as a
 * user with no role the method names, and with nobody signed in: the services decide, so a Vaadin
 * view and the API cannot disagree. Allowed calls are made with arguments the method refuses for
 * what they ask (an unknown id, an empty list, a blank name), so the check runs and nothing changes;
 * a refusal is an {@link AccessDeniedException} before the method looks at its arguments.
 */
class RoleMatrixTest extends SpringTest {

    private static final Set<Role> ADMIN = EnumSet.of(Role.ADMIN);
    private static final Set<Role> ADMIN_OPERATOR = EnumSet.of(Role.ADMIN, Role.OPERATOR);
    private static final Set<Role> ADMIN_APPROVER = EnumSet.of(Role.ADMIN, Role.APPROVER);
    /** The station's default for emergencies, as the API table has always had it. */
    private static final Set<Role> EMERGENCY = EnumSet.of(Role.ADMIN, Role.OPERATOR, Role.APPROVER);

    @Autowired LibraryService library;
    @Autowired SpeechService speech;
    @Autowired BulletinService bulletins;
    @Autowired TopicService topics;
    @Autowired ProgrammeService programmes;
    @Autowired QueueService queue;
    @Autowired OneOffService oneOffs;
    @Autowired ScheduleFileService scheduleFiles;
    @Autowired StationOutput player;
    @Autowired VillageTest villageTest;
    @Autowired VillageService villages;
    @Autowired VillageZones zones;
    @Autowired ZoneSettings zoneSettings;
    @Autowired StationSettings stationSettings;
    @Autowired PlayoutSettings playoutSettings;
    @Autowired GraceSettings graceSettings;
    @Autowired AudioLimits audioLimits;
    @Autowired DiskThresholds diskThresholds;
    @Autowired ApprovalRule approvalRule;
    @Autowired EmergencyRights emergencyRights;
    @Autowired vn.loaxa.playout.OnAirControl onAirControl;
    @Autowired UserService users;

    @FunctionalInterface
    interface Call {
        void run() throws Exception;
    }

    record Entry(String method, Set<Role> allowed, Call call) {
    }

    private List<Entry> matrix() {
        var day = LocalDate.of(2030, 1, 7);
        var noAsset = new Bulletin.Draft(-1, "Bản tin", 1, "", "", day, null);
        var badProgramme = new Programme.Draft("", EnumSet.noneOf(java.time.DayOfWeek.class), LocalTime.of(5, 30), day,
                null, 0, Priority.NORMAL, StartPolicy.WAIT, 0, null, null, List.of(1L), true);
        var d = SwitchingConfig.DEFAULT;
        var badSwitching = new SwitchingConfig(DriverKind.NONE, Duration.ofSeconds(-1), d.serial(), d.mqtt(),
                d.command(), d.dtmf());
        var e = new ArrayList<Entry>();
        // The library: upload (any door), rename, retire; text-to-speech imports too.
        e.add(new Entry("LibraryService.importFile", ADMIN_OPERATOR,
                () -> library.importFile(new ByteArrayInputStream(new byte[0]), "trong.wav", null, "x")));
        e.add(new Entry("LibraryService.rename", ADMIN_OPERATOR, () -> library.rename(-1, "Tên mới")));
        e.add(new Entry("LibraryService.setRetired", ADMIN_OPERATOR, () -> library.setRetired(-1, true)));
        e.add(new Entry("SpeechService.speak", ADMIN_OPERATOR, () -> speech.speak(" ", null, null)));
        // Bulletins: operators write and submit, leadership decides; a schedule file's are an admin's.
        e.add(new Entry("BulletinService.create", ADMIN_OPERATOR, () -> bulletins.create(noAsset)));
        e.add(new Entry("BulletinService.update", ADMIN_OPERATOR, () -> bulletins.update(-1, noAsset)));
        e.add(new Entry("BulletinService.submit", ADMIN_OPERATOR, () -> bulletins.submit(-1)));
        e.add(new Entry("BulletinService.delete", ADMIN_OPERATOR, () -> bulletins.delete(-1)));
        e.add(new Entry("BulletinService.withdraw", ADMIN_OPERATOR, () -> bulletins.withdraw(-1)));
        e.add(new Entry("BulletinService.replaceAudio", ADMIN_OPERATOR, () -> bulletins.replaceAudio(-1, -1)));
        e.add(new Entry("BulletinService.approve", ADMIN_APPROVER, () -> bulletins.approve(-1, null)));
        e.add(new Entry("BulletinService.reject", ADMIN_APPROVER, () -> bulletins.reject(-1, "Chưa đạt")));
        e.add(new Entry("BulletinService.createApproved", ADMIN, () -> bulletins.createApproved(noAsset, "tệp")));
        e.add(new Entry("TopicService.create", ADMIN_OPERATOR, () -> topics.create("", "")));
        e.add(new Entry("TopicService.update", ADMIN_OPERATOR, () -> topics.update(-1, "Chủ đề", false)));
        // The schedule.
        e.add(new Entry("ProgrammeService.create", ADMIN_OPERATOR, () -> programmes.create(badProgramme)));
        e.add(new Entry("ProgrammeService.update", ADMIN_OPERATOR, () -> programmes.update(-1, badProgramme)));
        e.add(new Entry("ProgrammeService.delete", ADMIN_OPERATOR, () -> programmes.delete(-1)));
        e.add(new Entry("QueueService.assign", ADMIN_OPERATOR, () -> queue.assign(-1, -1, day, day)));
        e.add(new Entry("QueueService.assignOnce", ADMIN_OPERATOR, () -> queue.assignOnce(-1, -1, day)));
        e.add(new Entry("QueueService.move", ADMIN_OPERATOR, () -> queue.move(-1, 0)));
        e.add(new Entry("QueueService.remove", ADMIN_OPERATOR, () -> queue.remove(-1)));
        e.add(new Entry("QueueService.shift", ADMIN_OPERATOR, () -> queue.shift(-1, 1)));
        e.add(new Entry("OneOffService.schedule", ADMIN_OPERATOR, () -> oneOffs.schedule(null,
                java.time.Instant.now().plusSeconds(3600), List.of(), List.of(1L), Priority.NORMAL, null)));
        e.add(new Entry("OneOffService.cancel", ADMIN_OPERATOR, () -> oneOffs.cancel(-1)));
        // Nothing is on air in the matrix's station: allowed, they are refused for that, never for who asks.
        e.add(new Entry("OnAirControl.stop", EMERGENCY, () -> onAirControl.stop("O-none", "x")));
        e.add(new Entry("OnAirControl.skip", EMERGENCY, () -> onAirControl.skip("O-none", 0, "x")));
        e.add(new Entry("OneOffService.emergency", EMERGENCY,
                () -> oneOffs.emergency(null, List.of(), List.of(1L), "Bão số 3")));
        // Schedule files: import is an admin's, export also an operator's.
        e.add(new Entry("ScheduleFileService.preview", ADMIN, () -> scheduleFiles.preview(List.of())));
        e.add(new Entry("ScheduleFileService.review", ADMIN, () -> scheduleFiles.review(List.of())));
        e.add(new Entry("ScheduleFileService.apply", ADMIN, () -> scheduleFiles.apply(List.of())));
        e.add(new Entry("ScheduleFileService.importFiles", ADMIN, () -> scheduleFiles.importFiles(List.of())));
        e.add(new Entry("ScheduleFileService.export", ADMIN_OPERATOR, () -> scheduleFiles.export()));
        // The sound: the test tone and the village test.
        e.add(new Entry("StationOutput.playTestTone", ADMIN_OPERATOR, this::testTone));
        e.add(new Entry("VillageTest.run", ADMIN_OPERATOR, () -> villageTest.run("x")));
        // Villages and switching.
        e.add(new Entry("VillageService.create", ADMIN, () -> villages.create(" ")));
        e.add(new Entry("VillageService.update", ADMIN, () -> villages.update(-1, "Thôn", true)));
        e.add(new Entry("VillageZones.update", ADMIN, () -> zones.update(-1, "thon-x", null, null, null, null)));
        e.add(new Entry("VillageZones.updateVillage", ADMIN,
                () -> zones.updateVillage(-1, null, null, "thon-x", null, null, null, null)));
        e.add(new Entry("VillageZones.updateFromScheduleFile", ADMIN,
                () -> zones.updateFromScheduleFile(-1, "thon-x", null, null, null, null, "x")));
        e.add(new Entry("ZoneSettings.save", ADMIN, () -> zoneSettings.save(badSwitching)));
        e.add(new Entry("ZoneSettings.saveFromScheduleFile", ADMIN,
                () -> zoneSettings.saveFromScheduleFile(badSwitching, "x")));
        // Station settings.
        e.add(new Entry("StationSettings.set", ADMIN, () -> stationSettings.set("khong.co", "x")));
        e.add(new Entry("PlayoutSettings.setOutput", ADMIN, () -> playoutSettings.setOutput("", -1)));
        e.add(new Entry("GraceSettings.setGraceMinutes", ADMIN, () -> graceSettings.setGraceMinutes(-1)));
        e.add(new Entry("AudioLimits.setMaxAudioMinutes", ADMIN, () -> audioLimits.setMaxAudioMinutes(-1)));
        e.add(new Entry("DiskThresholds.setDiskThresholds", ADMIN, () -> diskThresholds.setDiskThresholds(-1, -1)));
        e.add(new Entry("StationSettings.resetToDefault", ADMIN, () -> stationSettings.resetToDefault("khong.co")));
        e.add(new Entry("StationSettings.setFromScheduleFile", ADMIN,
                () -> stationSettings.setFromScheduleFile(" ", " ", "x")));
        e.add(new Entry("ApprovalRule.setApprovalNotByAuthor", ADMIN,
                () -> approvalRule.setApprovalNotByAuthor(true)));
        e.add(new Entry("EmergencyRights.setEmergencyRoles", ADMIN,
                () -> emergencyRights.setEmergencyRoles(EmergencyRights.DEFAULT_EMERGENCY_ROLES)));
        e.add(new Entry("EmergencyRights.setPermissions", ADMIN,
                () -> emergencyRights.setPermissions(true, EmergencyRights.DEFAULT_EMERGENCY_ROLES)));
        // Users.
        e.add(new Entry("UserService.create", ADMIN,
                () -> users.create(" ", " ", "ngan", EnumSet.noneOf(Role.class), false)));
        e.add(new Entry("UserService.update", ADMIN, () -> users.update(-1, "Tên", EnumSet.of(Role.OPERATOR), true)));
        e.add(new Entry("UserService.resetPassword", ADMIN, () -> users.resetPassword(-1, "ngan")));
        e.add(new Entry("UserService.changePassword", ADMIN, () -> users.changePassword("khong-co-ai", "ngan")));
        return e;
    }

    /** Allowed, it plays (stopped at once) or finds no device or a busy station: none of which is a refusal. */
    private void testTone() throws Exception {
        try {
            player.playTestTone("x");
        } finally {
            player.stopCurrent(Duration.ofSeconds(5));
        }
    }

    @TestFactory
    Stream<DynamicTest> each_change_is_allowed_to_exactly_its_roles_whoever_calls_the_service() {
        return matrix().stream().flatMap(entry -> Stream.concat(
                Stream.of(Role.values()).map(role -> DynamicTest.dynamicTest(
                        entry.method() + " as " + role + (entry.allowed().contains(role) ? " is allowed" : " is refused"),
                        () -> check(entry, role))),
                Stream.of(DynamicTest.dynamicTest(entry.method() + " with nobody signed in is refused",
                        () -> checkNobody(entry)))));
    }

    private void check(Entry entry, Role role) {
        var problem = RunAs.run("nguoi-thu-" + role.name().toLowerCase(), role.name(), () -> outcome(entry.call()));
        if (entry.allowed().contains(role)) {
            // Done, or refused for what it asks (an unknown id...), never for who asks.
            if (problem != null) {
                assertThat(problem).as(entry.method() + " as " + role).isNotInstanceOf(AccessDeniedException.class)
                        .isNotInstanceOf(AuthenticationCredentialsNotFoundException.class);
            }
        } else {
            assertThat(problem).as(entry.method() + " as " + role).isInstanceOf(AccessDeniedException.class);
        }
    }

    /** A Quartz job or a start-up step calling a change without {@link SystemIdentity} is stopped, not let through. */
    private void checkNobody(Entry entry) {
        SecurityContextHolder.clearContext();
        var problem = outcome(entry.call());
        assertThat(problem).as(entry.method() + " with nobody").isNotNull()
                .isInstanceOfAny(AuthenticationCredentialsNotFoundException.class, AccessDeniedException.class);
    }

    private static @Nullable Exception outcome(Call call) {
        try {
            call.run();
            return null;
        } catch (Exception e) {
            return e;
        }
    }

    @Test
    void the_station_acting_by_itself_has_the_admin_rights_and_its_own_name() {
        SecurityContextHolder.clearContext();
        var before = emergencyRights.emergencyRoles();
        var as = SystemIdentity.call("system", () -> {
            emergencyRights.setEmergencyRoles(before);
            return CurrentUser.name() + " " + CurrentUser.roles();
        });
        assertThat(as).isEqualTo("system [ADMIN]");
        assertThat(SecurityContextHolder.getContext().getAuthentication()).as("restored afterwards").isNull();
        assertThat(CurrentUser.roles()).isEmpty();
    }

    @Test
    void a_user_with_no_role_of_the_matrix_is_refused_every_change() {
        for (var entry : matrix()) {
            var problem = RunAs.run("khach", "GUEST", () -> outcome(entry.call()));
            if (!(problem instanceof AccessDeniedException)) {
                fail(entry.method() + " let a user without a station role through: " + problem);
            }
        }
    }

    /** Settings the matrix wrote with their default values go back to never set. */
    @AfterEach
    void settingsBackToDefaults() {
        RunAs.run("admin", "ADMIN", () -> {
            stationSettings.resetToDefault(ApprovalRule.APPROVAL_NOT_BY_AUTHOR);
            stationSettings.resetToDefault(EmergencyRights.EMERGENCY_ROLES);
            return null;
        });
    }
}
