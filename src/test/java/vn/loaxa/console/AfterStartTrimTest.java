package vn.loaxa.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import com.vaadin.flow.spring.VaadinServletContextInitializer;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import vn.loaxa.testing.SpringTest;

/**
 * What the station hands back after its start (decision 0037): it finds the class-file reader
 * caches of this Vaadin and Spring version (a version that hides them elsewhere fails here, not
 * silently in the benchmark), and it collects only when nothing plays or is due soon.
 */
class AfterStartTrimTest extends SpringTest {

    private static final Instant NOW = Instant.parse("2026-12-04T01:00:00Z");

    @Autowired
    AfterStartTrim trim;

    @Autowired
    VaadinServletContextInitializer vaadin;

    @Test
    void finds_the_reader_caches_vaadins_route_scan_left() throws Exception {
        assertThat(AfterStartTrim.readerFactories(vaadin)).as("Vaadin's initializer keeps its reader factory")
                .hasSize(1);
        assertThat(trim.dropClassReaders()).as("reader factories emptied").isGreaterThanOrEqualTo(1);
        // Emptied, not broken: a factory still reads a class on demand.
        var factory = AfterStartTrim.readerFactories(vaadin).getFirst();
        assertThat(factory.getMetadataReader(AfterStartTrim.class.getName()).getClassMetadata().getClassName())
                .isEqualTo(AfterStartTrim.class.getName());
    }

    @Test
    void collects_only_when_nothing_plays_or_is_due_within_the_quiet_window() {
        assertThat(AfterStartTrim.quiet(false, List.of(), NOW)).as("idle, nothing planned").isTrue();
        assertThat(AfterStartTrim.quiet(true, List.of(), NOW)).as("on air").isFalse();
        assertThat(AfterStartTrim.quiet(false, List.of(NOW.plusSeconds(10)), NOW)).as("due in 10 s").isFalse();
        assertThat(AfterStartTrim.quiet(false, List.of(NOW.minusSeconds(2)), NOW)).as("due, not yet fired")
                .isFalse();
        assertThat(AfterStartTrim.quiet(false, List.of(NOW.plus(AfterStartTrim.QUIET_AHEAD).plusSeconds(1),
                NOW.plusSeconds(3600)), NOW)).as("next one after the window").isTrue();
    }
}
