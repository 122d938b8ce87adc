package vn.loaxa.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStreamReader;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.transaction.annotation.Transactional;

/**
 * The code side of the audit trail's coverage, for what the web UI reaches without an API endpoint
 * (users, bulletins, approvals, programmes, queues, topics, settings): every public method of the
 * application that opens a write transaction is {@link Audited}, unless listed here with the reason;
 * and every action and target code has its words in both languages.
 */
class AuditedMethodsTest {

    /** Write transactions that are no person's change of their own, and why. */
    static final Map<String, String> NOT_AUDITED = Map.of(
            "PlayoutState.running", "the engine's own bookkeeping, no person's action",
            "VillageZones.updateFromScheduleFile", "part of a schedule file import, audited as SCHEDULE_FILE_IMPORTED",
            "ZoneSettings.saveFromScheduleFile", "part of a schedule file import, audited as SCHEDULE_FILE_IMPORTED",
            "StationSettings.setFromScheduleFile", "part of a schedule file import, audited as SCHEDULE_FILE_IMPORTED",
            "BulletinService.createApproved", "part of a schedule file import, audited as SCHEDULE_FILE_IMPORTED");

    static List<Class<?>> classes = new ArrayList<>();

    @BeforeAll
    static void scan() throws Exception {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter((reader, factory) -> true);
        for (var candidate : scanner.findCandidateComponents("vn.loaxa")) {
            var name = candidate.getBeanClassName();
            // The application's own classes, not the tests'.
            if (Files.exists(Path.of("src/main/java", name.replace('.', '/') + ".java"))) {
                classes.add(Class.forName(name));
            }
        }
        assertThat(classes).hasSizeGreaterThan(100);
    }

    @Test
    void every_public_write_transaction_is_audited_or_listed_with_the_reason() {
        var missing = new TreeSet<String>();
        var listed = new TreeSet<String>();
        for (var c : classes) {
            for (Method m : c.getDeclaredMethods()) {
                if (!Modifier.isPublic(m.getModifiers()) || m.isSynthetic()) {
                    continue;
                }
                var tx = AnnotatedElementUtils.findMergedAnnotation(m, Transactional.class);
                if (tx == null) {
                    tx = AnnotatedElementUtils.findMergedAnnotation(c, Transactional.class);
                }
                if (tx == null || tx.readOnly()) {
                    continue;
                }
                var key = c.getSimpleName() + "." + m.getName();
                if (NOT_AUDITED.containsKey(key)) {
                    listed.add(key);
                } else if (!m.isAnnotationPresent(Audited.class)) {
                    missing.add(key);
                }
            }
        }
        assertThat(missing).withFailMessage("Public write transactions without @Audited (a person's change that "
                + "would leave no audit row): %s", missing).isEmpty();
        assertThat(listed).as("every exception still exists").isEqualTo(new TreeSet<>(NOT_AUDITED.keySet()));
    }

    @Test
    void every_action_and_target_has_a_stable_code_and_its_words_in_both_languages() throws Exception {
        var actions = new TreeSet<String>(List.of("LOGIN_SUCCEEDED", "LOGIN_FAILED"));
        var targets = new TreeSet<String>(List.of("USER"));
        for (var c : classes) {
            for (Method m : c.getDeclaredMethods()) {
                var a = m.getAnnotation(Audited.class);
                if (a != null) {
                    actions.add(a.value());
                    if (!a.target().isBlank()) {
                        targets.add(a.target());
                    }
                }
            }
        }
        assertThat(actions).hasSizeGreaterThan(30).allMatch(code -> code.matches("[A-Z][A-Z_]*[A-Z]"));
        assertThat(targets).allMatch(code -> code.matches("[A-Z][A-Z_]*[A-Z]"));
        for (var bundle : List.of("vaadin-i18n/translations.properties", "vaadin-i18n/translations_en.properties")) {
            var p = new Properties();
            try (var in = getClass().getClassLoader().getResourceAsStream(bundle)) {
                p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
            assertThat(actions).as(bundle).allSatisfy(code -> assertThat(p).containsKey("audit.action." + code));
            assertThat(targets).as(bundle).allSatisfy(code -> assertThat(p).containsKey("audit.target." + code));
        }
    }
}
