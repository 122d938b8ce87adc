package vn.loaxa.airlog.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Span;
import org.jspecify.annotations.Nullable;
import org.springframework.modulith.NamedInterface;

import vn.loaxa.airlog.Outcome;

/** An outcome as a coloured label, so failures stand out in a list; the dashboard shows it too. */
@NamedInterface("ui")
public final class OutcomeBadge {

    private OutcomeBadge() {
    }

    public static Span of(Component owner, @Nullable Outcome outcome) {
        var span = new Span(owner.getTranslation("airlog.outcome." + (outcome == null ? "UNFINISHED" : outcome.name())));
        span.addClassName("loaxa-badge");
        span.addClassName(outcome == null ? "loaxa-badge-live" : switch (outcome) {
            case COMPLETED -> "loaxa-badge-ok";
            case INTERRUPTED, PREEMPTED, SKIPPED, STOPPED -> "loaxa-badge-warn";
            case FAILED, MISSED -> "loaxa-badge-bad";
        });
        return span;
    }
}
