package vn.loaxa.playout;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

import vn.loaxa.audio.PcmFormat;
import vn.loaxa.audio.output.NoOutputDeviceException;
import vn.loaxa.audio.output.PlayoutItem;
import vn.loaxa.audio.output.PlayoutListener;
import vn.loaxa.audit.Audited;
import vn.loaxa.base.DatabaseLane;
import vn.loaxa.base.InvalidInputException;
import vn.loaxa.station.Village;
import vn.loaxa.zone.DriverKind;
import vn.loaxa.zone.DtmfTones;
import vn.loaxa.zone.SwitchResult;
import vn.loaxa.zone.VillageZones;
import vn.loaxa.zone.ZoneAddress;
import vn.loaxa.zone.ZoneSwitchboard;

/**
 * "Thử loa các thôn": each enabled village in turn is switched on, hears a short 1 kHz ident, and is
 * switched off, so the technician walking the commune (or phoning each village head) knows which
 * loudspeakers answer. Logged as a test under its own key, never as a broadcast. With DTMF the
 * village's on code, the ident and its off code are one piece of audio.
 */
@Service
public class VillageTest {

    private static final Logger log = LoggerFactory.getLogger(VillageTest.class);
    /** Long enough to hear from the street, short enough that seven villages take half a minute. */
    static final Duration IDENT = Duration.ofMillis(1_500);

    /** @param village the village tested; {@code on} how switching it on went */
    public record Step(Village village, SwitchResult on) {
    }

    private final ZoneSwitchboard switchboard;
    private final VillageZones zones;
    private final StationOutput player;
    private final AudioOutputProperties output;
    private final Clock clock;
    private final AtomicBoolean running = new AtomicBoolean();

    VillageTest(ZoneSwitchboard switchboard, VillageZones zones, StationOutput player, AudioOutputProperties output,
                Clock clock) {
        this.switchboard = switchboard;
        this.zones = zones;
        this.player = player;
        this.output = output;
        this.clock = clock;
    }

    public boolean isRunning() {
        return running.get();
    }

    /**
     * Tests every enabled village; refuses while a broadcast is on air (its villages must not hear an
     * ident) or another test runs. Returns each village's result, in the villages' order.
     */
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    @Audited(value = "VILLAGE_TEST_RUN", target = "VILLAGES",
            details = "{'villages': #result?.![village().name() + ': ' + on().ack()]}")
    public List<Step> run(String by) throws StationBusyException, NoOutputDeviceException, InterruptedException {
        if (switchboard.config().driver() == DriverKind.NONE) {
            // Nothing is switched: every village would hear every ident, and the log would prove nothing.
            throw new InvalidInputException("NO_SWITCHING", "error.zone.noSwitching", "No switching driver is set");
        }
        if (player.isBusy()) {
            throw new StationBusyException("on air");
        }
        if (!running.compareAndSet(false, true)) {
            throw new StationBusyException("Thử loa các thôn");
        }
        try {
            var key = "TEST@" + clock.instant();
            var dtmf = switchboard.config().driver() == DriverKind.DTMF;
            var steps = new ArrayList<Step>();
            var villages = DatabaseLane.engine(zones::villages);
            for (var a : DatabaseLane.engine(zones::all)) {
                var village = villages.stream().filter(v -> v.id() == a.villageId()).findFirst().orElseThrow();
                if (!village.enabled()) {
                    continue;
                }
                steps.add(new Step(village, dtmf ? testByTones(key, a, by) : testBySwitch(key, a, by)));
            }
            log.info("Village test {} by {}: {}", key, by, steps.stream()
                    .map(s -> s.village().name() + "=" + s.on().ack()).toList());
            return steps;
        } finally {
            running.set(false);
        }
    }

    private SwitchResult testBySwitch(String key, ZoneAddress a, String by)
            throws InterruptedException, StationBusyException, NoOutputDeviceException {
        var on = switchboard.testSwitch(key, a, true, by);
        try {
            if (on.switched()) {
                Thread.sleep(switchboard.config().preRoll().toMillis());
                play(a.villageName(), List.of(new ScheduledItem(ident(), IDENT.toMillis())));
            }
        } finally {
            switchboard.testSwitch(key, a, false, by);
        }
        return on;
    }

    private SwitchResult testByTones(String key, ZoneAddress a, String by)
            throws InterruptedException, StationBusyException, NoOutputDeviceException {
        if (a.dtmfOn() == null || a.dtmfOff() == null) {
            switchboard.testTonesPlayed(key, a, true, false, by);
            return SwitchResult.failed(a.villageId(), clock.instant(), "no DTMF codes for " + a.villageName());
        }
        var s = switchboard.config().dtmf();
        var format = format();
        long onFrames = DtmfTones.frames(List.of(a.dtmfOn()), format, s);
        long offFrames = DtmfTones.frames(List.of(a.dtmfOff()), format, s);
        var done = play(a.villageName(), List.of(
                new ScheduledItem(new PlayoutItem("DTMF " + a.dtmfOn(),
                        () -> DtmfTones.stream(List.of(a.dtmfOn()), format, s, onFrames)), 0),
                new ScheduledItem(ident(), IDENT.toMillis()),
                new ScheduledItem(new PlayoutItem("DTMF " + a.dtmfOff(),
                        () -> DtmfTones.stream(List.of(a.dtmfOff()), format, s, offFrames)), 0)));
        switchboard.testTonesPlayed(key, a, true, done, by);
        switchboard.testTonesPlayed(key, a, false, done, by);
        return new SwitchResult(a.villageId(), done ? SwitchResult.Ack.SENT : SwitchResult.Ack.FAILED,
                clock.instant(), "DTMF " + a.dtmfOn());
    }

    private PlayoutItem ident() {
        var format = format();
        return new PlayoutItem("Thử loa", () -> TestTone.open(format, IDENT));
    }

    private PcmFormat format() {
        return new PcmFormat(output.sampleRate(), output.channels());
    }

    /** Plays and waits for the end; true when it played to the end. */
    private boolean play(String village, List<ScheduledItem> items)
            throws StationBusyException, NoOutputDeviceException, InterruptedException {
        var finished = new AtomicBoolean();
        var playback = player.play("Thử loa " + village, items, clock.instant().plusMillis(500),
                new PlayoutListener() {
                    @Override
                    public void finished() {
                        finished.set(true);
                    }
                });
        playback.await(Duration.ofSeconds(30));
        return finished.get();
    }
}
