package vn.loaxa.console.ui;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;

import vn.loaxa.base.ui.Dialogs;
import vn.loaxa.base.ui.Notices;
import vn.loaxa.playout.LiveBroadcasts;
import vn.loaxa.station.Village;

/**
 * "Nói trực tiếp" on the dashboard: one button opens the choice of villages (all in use, ticked) and
 * an emergency box; while someone is live, who speaks, for how long, and "Kết thúc nói". Ending one's
 * own speech asks nothing: it is what the speaker expects of the button.
 */
final class LivePanel extends Div {

    private final transient LiveBroadcasts live;
    private final transient Clock clock;
    private final List<Village> villages;
    private final String user;
    private final Button start = new Button();
    private final Button end = new Button();
    private final Span status = new Span();

    LivePanel(LiveBroadcasts live, List<Village> villages, String user, Clock clock) {
        this.live = live;
        this.villages = villages.stream().filter(Village::enabled).toList();
        this.user = user;
        this.clock = clock;
        addClassName("loaxa-live");
        setId("live-panel");
        start.setText(getTranslation("ui.live.start"));
        start.setIcon(VaadinIcon.MICROPHONE.create());
        start.setId("live-start");
        start.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        start.addClickListener(e -> openDialog());
        end.setText(getTranslation("ui.live.end"));
        end.setIcon(VaadinIcon.STOP.create());
        end.setId("live-end");
        end.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_PRIMARY);
        end.addClickListener(e -> act(() -> live.end(null, user)));
        status.setId("live-status");
        status.addClassName("loaxa-live-status");
        add(start, status, end);
        refresh();
    }

    /** Called with the dashboard's one-second poll. */
    void refresh() {
        var now = live.current().orElse(null);
        start.setVisible(now == null);
        end.setVisible(now != null && !now.ending());
        status.setVisible(now != null);
        if (now != null) {
            long s = Math.max(0, Duration.between(now.ordered(), clock.instant()).toSeconds());
            status.setText(getTranslation(now.onAir() ? "ui.live.onAir" : "ui.live.waiting", now.by(),
                    "%d:%02d".formatted(s / 60, s % 60)));
        }
    }

    private void openDialog() {
        var dialog = new Dialog();
        dialog.setHeaderTitle(getTranslation("ui.live.title"));
        dialog.setId("live-dialog");
        var choice = new CheckboxGroup<Village>(getTranslation("ui.live.villages"));
        choice.setItems(villages);
        choice.setItemLabelGenerator(Village::name);
        choice.setValue(new java.util.LinkedHashSet<>(villages));
        choice.setId("live-villages");
        var emergency = new Checkbox(getTranslation("ui.live.emergency"));
        emergency.setId("live-emergency");
        emergency.addValueChangeListener(e -> choice.setEnabled(!e.getValue()));
        var hint = new Paragraph(getTranslation("ui.live.hint"));
        hint.addClassName("loaxa-muted");
        // On a line of its own: it changes what the village choice means.
        var emergencyRow = new Div(emergency);
        dialog.add(choice, emergencyRow, hint);
        var go = new Button(getTranslation("ui.live.go"), VaadinIcon.MICROPHONE.create());
        go.setId("live-go");
        go.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_ERROR);
        go.addClickListener(e -> {
            var ids = villages.stream().filter(choice.getValue()::contains).map(Village::id).toList();
            if (act(() -> live.start(ids, emergency.getValue(), user))) {
                dialog.close();
            }
        });
        var cancel = new Button(getTranslation("ui.cancel"), e -> dialog.close());
        dialog.getFooter().add(cancel, go);
        // Two taps to go live, as for an emergency preset: the villages are already ticked.
        Dialogs.focusOnOpen(dialog, go);
        dialog.open();
    }

    /** Refusals (no microphone, someone already live) are shown in the person's words by {@link Notices}. */
    private boolean act(Runnable action) {
        boolean done = Notices.attempt(this, action);
        refresh();
        return done;
    }
}
