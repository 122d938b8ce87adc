package vn.loaxa.bulletin.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Span;

import vn.loaxa.bulletin.BulletinState;

final class StateBadge {

    private StateBadge() {
    }

    static Span of(Component owner, BulletinState state) {
        var span = new Span(owner.getTranslation("ui.bulletins.state." + state.name()));
        span.addClassName("loaxa-badge");
        span.addClassName(switch (state) {
            case APPROVED -> "loaxa-badge-ok";
            case SUBMITTED -> "loaxa-badge-live";
            case DRAFT -> "loaxa-badge-warn";
            case REJECTED -> "loaxa-badge-bad";
        });
        return span;
    }
}
