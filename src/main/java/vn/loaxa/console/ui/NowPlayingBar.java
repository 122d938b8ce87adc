package vn.loaxa.console.ui;

import java.time.Clock;
import java.time.Duration;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.shared.Registration;
import com.vaadin.flow.spring.security.AuthenticationContext;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Scope;

import vn.loaxa.base.ui.Formats;
import vn.loaxa.playout.OnAir;
import vn.loaxa.playout.OnAirControl;
import vn.loaxa.playout.PlayoutEngine;

/**
 * What is on air, on every page: the broadcast, its villages, what is left of it, and (for those
 * who may) "Dừng phát" and "Bỏ qua mục này". Hidden while nothing plays; red for an emergency.
 * Redrawn on the UI's poll, the dashboard's mechanism, which it keeps running on every page.
 */
@org.springframework.stereotype.Component
@Scope("prototype")
class NowPlayingBar extends Div {

    private final transient PlayoutEngine engine;
    private final transient OnAirControl control;
    private final transient AuthenticationContext auth;
    private final transient Clock clock;
    private final Span label = new Span();
    private final Span title = new Span();
    private final Span villages = new Span();
    private final Span left = new Span();
    private final @Nullable OnAirButtons buttons;
    private @Nullable Registration poll;

    @Autowired
    NowPlayingBar(PlayoutEngine engine, OnAirControl control, AuthenticationContext auth, Clock clock) {
        this(engine, control, auth, clock, "bar");
    }

    private NowPlayingBar(PlayoutEngine engine, OnAirControl control, AuthenticationContext auth, Clock clock,
                          String idPrefix) {
        this.engine = engine;
        this.control = control;
        this.auth = auth;
        this.clock = clock;
        setId(idPrefix.equals("bar") ? "now-playing-bar" : idPrefix + "-now-playing");
        addClassName("loaxa-now-playing");
        label.addClassName("loaxa-now-playing-label");
        title.addClassName("loaxa-now-playing-title");
        villages.addClassName("loaxa-muted");
        left.addClassName("loaxa-now-playing-left");
        add(label, title, villages, left);
        buttons = auth.hasAnyRole("ADMIN", "OPERATOR", "APPROVER")
                ? new OnAirButtons(control, auth.getPrincipalName().orElse("?"), idPrefix) : null;
        if (buttons != null) {
            add(buttons);
        }
        refresh();
    }

    /** Another bar like this one, for a dialog that covers the layout's (the emergency dialog). */
    NowPlayingBar copy(String idPrefix) {
        return new NowPlayingBar(engine, control, auth, clock, idPrefix);
    }

    @Override
    protected void onAttach(AttachEvent event) {
        var ui = event.getUI();
        ui.setPollInterval(DashboardView.POLL_MS);
        poll = ui.addPollListener(e -> refresh());
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (poll != null) {
            poll.remove();
            poll = null;
        }
    }

    void refresh() {
        var onAir = engine.onAir().orElse(null);
        setVisible(onAir != null);
        if (buttons != null) {
            buttons.show(onAir);
        }
        if (onAir == null) {
            getElement().removeAttribute("data-on-air");
            return;
        }
        getElement().setAttribute("data-on-air", onAir.key());
        getElement().setAttribute("data-emergency", onAir.emergency());
        label.setText(getTranslation(onAir.emergency() ? "ui.onair.emergencyLabel" : "ui.onair.bar"));
        title.setText(onAir.title());
        villages.setText(villagesOf(this, onAir));
        left.setText(onAir.now() == null ? getTranslation("ui.dashboard.starting")
                : onAir.live() ? getTranslation("ui.dashboard.spoken", Formats.duration(onAir.elapsedMs(clock.instant())))
                : getTranslation("ui.dashboard.programmeLeft", Formats.duration(remainingMs(onAir, clock))));
    }

    /** The villages it reaches, as the person reads them. */
    static String villagesOf(com.vaadin.flow.component.Component owner, OnAir onAir) {
        return onAir.allVillages() ? owner.getTranslation("ui.villages.all") : String.join(", ", onAir.villageNames());
    }

    /** Nominal time left of the programme on air, from the item the player reports. */
    static long remainingMs(OnAir onAir, Clock clock) {
        var now = onAir.now();
        long elapsed = now == null ? 0 : Math.max(0, Duration.between(now.itemStartedAt(), clock.instant()).toMillis());
        return onAir.remainingMs(elapsed);
    }
}
