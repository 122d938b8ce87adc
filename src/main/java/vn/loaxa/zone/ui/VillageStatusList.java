package vn.loaxa.zone.ui;

import java.time.Instant;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import org.jspecify.annotations.Nullable;

import vn.loaxa.base.StationTime;
import vn.loaxa.zone.DriverKind;
import vn.loaxa.zone.VillageHealth;
import vn.loaxa.zone.ZoneSwitchboard;
import org.springframework.modulith.NamedInterface;

/**
 * Each village's loudspeakers as the station last knew them, one block per village that wraps on a
 * phone: a dot (green online, red problem or offline, grey unknown) with the same state in words,
 * whether the loudspeakers are on, when the device last answered, and the problem. With no
 * switching driver there is nothing to know, and one line says so.
 */
@NamedInterface("ui")
public class VillageStatusList extends Div {

    private final StationTime stationTime;

    /** What the dot says; also a {@code data-state} attribute, for tests and styling. */
    enum State {
        ONLINE("var(--lumo-success-color)"),
        PROBLEM("var(--lumo-error-color)"),
        OFFLINE("var(--lumo-error-color)"),
        UNKNOWN("var(--lumo-contrast-30pct)"),
        DISABLED("var(--lumo-contrast-20pct)");

        final String colour;

        State(String colour) {
            this.colour = colour;
        }

        static State of(VillageHealth h) {
            if (!h.enabled()) {
                return DISABLED;
            }
            if (h.problem() != null) {
                return PROBLEM;
            }
            if (h.online() == null) {
                return UNKNOWN;
            }
            return h.online() ? ONLINE : OFFLINE;
        }
    }

    private final ZoneSwitchboard switchboard;

    public VillageStatusList(ZoneSwitchboard switchboard, StationTime stationTime) {
        this.stationTime = stationTime;
        this.switchboard = switchboard;
        setId("village-status");
        getStyle().set("display", "flex").set("flex-direction", "column").set("gap", "var(--lumo-space-xs)");
        refresh();
    }

    /** Reads the switchboard's in-memory state: cheap enough for the dashboard's 5-second refresh. */
    public void refresh() {
        removeAll();
        if (switchboard.config().driver() == DriverKind.NONE) {
            var none = new Div(getTranslation("ui.zone.noSwitching"));
            none.addClassName("loaxa-muted");
            none.setId("village-status-none");
            add(none);
            return;
        }
        switchboard.health().forEach(h -> add(row(h)));
    }

    private Div row(VillageHealth h) {
        var state = State.of(h);
        var word = getTranslation("ui.zone.state." + state.name().toLowerCase(java.util.Locale.ROOT));
        var dot = new Span();
        dot.getStyle().set("display", "inline-block").set("width", "0.75em").set("height", "0.75em")
                .set("border-radius", "50%").set("background", state.colour).set("flex", "none")
                .set("align-self", "center");
        // The colour alone would tell nothing to a screen reader or on a washed-out phone screen.
        dot.getElement().setAttribute("aria-hidden", "true");
        var name = new Span(h.name());
        name.getStyle().set("font-weight", "600");
        var head = new Div(dot, name, muted(word));
        if (h.enabled() && h.on()) {
            var on = new Span(getTranslation("ui.zone.on"));
            on.addClassNames("loaxa-badge", "loaxa-badge-live");
            head.add(on);
        }
        if (h.volume() != null) {
            head.add(muted(getTranslation("ui.zone.volume", String.valueOf(h.volume()))));
        }
        head.getStyle().set("display", "flex").set("flex-wrap", "wrap").set("align-items", "baseline")
                .set("gap", "0 var(--lumo-space-s)");
        var row = new Div(head);
        if (h.lastSeen() != null) {
            row.add(muted(getTranslation("ui.zone.lastSeen", at(h.lastSeen()))));
        }
        if (h.problem() != null && h.enabled()) {
            var problem = new Div(getTranslation("ui.zone.problem." + h.problemKind(), at(h.problemAt()), h.problem()));
            problem.getStyle().set("color", "var(--lumo-error-text-color)").set("overflow-wrap", "anywhere");
            row.add(problem);
        }
        row.getElement().setAttribute("data-state", state.name());
        row.getElement().setAttribute("data-village", String.valueOf(h.villageId()));
        row.getStyle().set("padding", "var(--lumo-space-xs) 0")
                .set("border-bottom", "1px solid var(--lumo-contrast-10pct)");
        return row;
    }

    private static Div muted(String text) {
        var d = new Div(text);
        d.addClassName("loaxa-muted");
        d.getStyle().set("font-size", "var(--lumo-font-size-s)");
        return d;
    }

    /** dd/MM/yyyy HH:mm:ss: a village that last answered yesterday must not look fine today. */
    private String at(@Nullable Instant i) {
        return i == null ? "" : stationTime.formatDateTimeSeconds(i);
    }
}
