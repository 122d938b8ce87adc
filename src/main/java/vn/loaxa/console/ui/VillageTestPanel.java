package vn.loaxa.console.ui;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.progressbar.ProgressBar;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;

import vn.loaxa.audio.output.NoOutputDeviceException;
import vn.loaxa.audit.AuditOrigin;
import vn.loaxa.base.StationTime;
import vn.loaxa.base.ui.Notices;
import vn.loaxa.playout.StationBusyException;
import vn.loaxa.playout.StationOutput;
import vn.loaxa.playout.VillageTest;
import vn.loaxa.security.CurrentUser;
import vn.loaxa.zone.DriverKind;
import vn.loaxa.zone.VillageHealth;
import vn.loaxa.zone.ZoneSwitchboard;

/**
 * "Thử loa các thôn": after a confirmation, each village in use is switched on in turn with a short
 * beep, on a thread of its own (it takes seconds per village), and the page then lists each
 * village's result with the reason of a failure. Refused at once while the station is on air or
 * another test runs. Hidden while the station switches nothing.
 */
public class VillageTestPanel extends Div {

    private final StationTime stationTime;

    /** What one village costs: switching on, the pre-roll, the 1.5 s beep, switching off; rounded up. */
    private static final int SECONDS_PER_VILLAGE = 4;

    private final VillageTest test;
    private final StationOutput player;
    private final ZoneSwitchboard switchboard;
    private final Clock clock;
    private final Runnable onFinished;
    private final Button start = new Button();
    private final Div running = new Div();
    private final Div results = new Div();
    private CompletableFuture<Void> pending = CompletableFuture.completedFuture(null);

    /** @param onFinished what else on the page shows the villages' state, renewed once the test is done */
    public VillageTestPanel(VillageTest test, StationOutput player, ZoneSwitchboard switchboard, Clock clock,
                            Runnable onFinished, StationTime stationTime) {
        this.stationTime = stationTime;
        this.onFinished = onFinished;
        this.test = test;
        this.player = player;
        this.switchboard = switchboard;
        this.clock = clock;
        addClassName("loaxa-results");
        start.setText(getTranslation("ui.zone.test"));
        start.setIcon(VaadinIcon.MEGAPHONE.create());
        start.setId("village-test");
        start.getStyle().set("align-self", "flex-start");
        start.setTooltipText(getTranslation("ui.zone.testHelp"));
        start.addClickListener(e -> confirm());
        var bar = new ProgressBar();
        bar.setIndeterminate(true);
        running.add(new Span(getTranslation("ui.zone.testRunning")), bar);
        running.setVisible(false);
        running.setId("village-test-running");
        results.addClassName("loaxa-results");
        results.setId("village-test-results");
        // Read aloud when the results arrive: the technician may be looking at the village, not the screen.
        results.getElement().setAttribute("aria-live", "polite");
        add(start, running, results);
        refresh();
    }

    /** Shown only when there is something to switch: with no driver the test would only beep here. */
    public void refresh() {
        setVisible(switchboard.config().driver() != DriverKind.NONE);
    }

    private void confirm() {
        var refusal = refusal();
        if (refusal != null) {
            Notices.error(this, refusal);
            return;
        }
        long villages = switchboard.health().stream().filter(VillageHealth::enabled).count();
        if (villages == 0) {
            Notices.error(this, getTranslation("ui.zone.testNoVillages"));
            return;
        }
        var dialog = new ConfirmDialog(getTranslation("ui.zone.testConfirmTitle"),
                getTranslation("ui.zone.testConfirm", String.valueOf(villages),
                        String.valueOf(villages * SECONDS_PER_VILLAGE)),
                getTranslation("ui.zone.testStart"), ok -> run());
        dialog.setCancelable(true);
        dialog.setCancelText(getTranslation("ui.cancel"));
        dialog.setId("village-test-confirm");
        dialog.open();
    }

    /** Why a test cannot start now, or null; the same reasons the service would give a moment later. */
    private @Nullable String refusal() {
        if (test.isRunning()) {
            return getTranslation("ui.zone.testAlreadyRunning");
        }
        if (player.isBusy()) {
            return getTranslation("status.busy");
        }
        return null;
    }

    private void run() {
        var ui = UI.getCurrent();
        var by = CurrentUser.name();
        start.setEnabled(false);
        running.setVisible(true);
        results.removeAll();
        // The service checks the role, so the worker carries the signed-in user.
        var security = SecurityContextHolder.getContext();
        // Not the common pool: on a two-core station it has one thread, and this holds it for half a minute.
        // The worker carries the signed-in user and the browser's origin, for the audit trail.
        pending = CompletableFuture.runAsync(AuditOrigin.carry(() -> {
            List<VillageTest.Step> steps = null;
            Exception problem = null;
            SecurityContextHolder.setContext(security);
            try {
                steps = test.run(by);
            } catch (StationBusyException | NoOutputDeviceException | RuntimeException e) {
                problem = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                problem = e;
            } finally {
                SecurityContextHolder.clearContext();
            }
            var done = steps;
            var failure = problem;
            try {
                ui.access(() -> show(done, failure));
            } catch (UIDetachedException gone) {
                // The user left the page; the test is in the air log all the same.
            }
        }), task -> Thread.ofVirtual().name("loaxa-village-test").start(task));
    }

    private void show(@Nullable List<VillageTest.Step> steps, @Nullable Exception problem) {
        start.setEnabled(true);
        running.setVisible(false);
        results.removeAll();
        onFinished.run();
        if (steps == null) {
            var line = new Div(getTranslation("ui.zone.testRefused", reason(problem)));
            line.addClassName("loaxa-alert");
            results.add(line);
            return;
        }
        var now = clock.instant();
        results.add(new Div(getTranslation("ui.zone.testDone",
                stationTime.formatDateTimeSeconds(now))));
        if (steps.isEmpty()) {
            results.add(new Div(getTranslation("ui.zone.testNoVillages")));
        }
        for (var s : steps) {
            var name = s.village().name();
            var r = s.on();
            var line = new Div(switch (r.ack()) {
                case ACKNOWLEDGED -> getTranslation("ui.zone.testAck", name);
                case SENT -> getTranslation("ui.zone.testSent", name);
                case FAILED -> getTranslation("ui.zone.testFailed", name, r.detail() == null ? "" : r.detail());
            });
            line.addClassName(r.switched() ? "loaxa-ok" : "loaxa-alert");
            line.getElement().setAttribute("data-village", String.valueOf(s.village().id()));
            results.add(line);
        }
    }

    /** Translated on the UI thread: the worker has no Vaadin service to look texts up with. */
    private String reason(@Nullable Exception e) {
        return switch (e) {
            case StationBusyException busy -> getTranslation(test.isRunning() ? "ui.zone.testAlreadyRunning"
                    : "status.busy");
            case NoOutputDeviceException d -> getTranslation("status.device." + d.reason().name(), d.requestedName());
            case AccessDeniedException denied -> Notices.refusal(this, denied);
            case null -> "";
            default -> String.valueOf(e.getMessage());
        };
    }

    /** Completes once the last test has handed its results to the page (for tests). */
    public CompletableFuture<Void> pending() {
        return pending;
    }
}
