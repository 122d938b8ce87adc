package vn.loaxa.playout;

import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionalEventListener;

import vn.loaxa.audit.Audited;
import vn.loaxa.schedule.OneOffCancelled;
import vn.loaxa.schedule.Occurrence;

/**
 * A person's "Dừng phát" and "Bỏ qua mục này", for the dashboard, the now-playing bar, the
 * emergency dialog and the API alike: the roles are checked here, each action is audited, and the
 * engine does the rest without waiting for anything (decision 0030).
 */
@Service
public class OnAirControl {

    private final PlayoutEngine engine;

    OnAirControl(PlayoutEngine engine) {
        this.engine = engine;
    }

    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR', 'APPROVER')")
    @Audited(value = "ON_AIR_STOPPED", target = "BROADCAST", id = "#result.key()", name = "#result.title()",
            details = "{'key': #result.key()}")
    public OnAirAction stop(@Nullable String expectedKey, String by) {
        return engine.stop(expectedKey, by, by + " stopped it on air");
    }

    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR', 'APPROVER')")
    @Audited(value = "ON_AIR_ITEM_SKIPPED", target = "BROADCAST", id = "#result.key()", name = "#result.title()",
            details = "{'item': #result.item() + 1, 'itemTitle': #result.itemTitle()}")
    public OnAirAction skip(@Nullable String expectedKey, int expectedItem, String by) {
        return engine.skip(expectedKey, expectedItem, by);
    }

    /** Once the cancel is committed: a one-off cancelled while it plays stops on air, stopped by whoever cancelled it. */
    @TransactionalEventListener(fallbackExecution = true)
    void oneOffCancelled(OneOffCancelled cancelled) {
        engine.stopIfOnAir(Occurrence.oneOffKey(cancelled.id()), cancelled.by(),
                cancelled.by() + " cancelled the one-off");
    }
}
