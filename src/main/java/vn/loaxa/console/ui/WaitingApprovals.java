package vn.loaxa.console.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;

import vn.loaxa.bulletin.BulletinService;

/**
 * The leadership's waiting work made visible: a count on the approvals menu item and a dashboard
 * card linking to the inbox. Both read {@link BulletinService#countWaiting()} each time they are
 * refreshed; they are shown only to the roles that may open the inbox.
 */
final class WaitingApprovals {

    /** The inbox's route (the approvals view is internal to its module; its path is not). */
    static final String INBOX = "approvals";

    private WaitingApprovals() {
    }

    /** Whether a menu entry's path is the inbox's, with or without the leading slash. */
    static boolean isInbox(String path) {
        return INBOX.equals(path.startsWith("/") ? path.substring(1) : path);
    }

    /** The menu badge: the count, hidden at zero so an empty inbox draws no eye. */
    static final class Badge extends Span {

        private final transient BulletinService bulletins;

        Badge(BulletinService bulletins) {
            this.bulletins = bulletins;
            addClassName("loaxa-badge");
            addClassName("loaxa-badge-live");
            setId("approvals-badge");
            refresh();
        }

        void refresh() {
            int n = bulletins.countWaiting();
            setText(Integer.toString(n));
            setVisible(n > 0);
            getElement().setAttribute("aria-label", getTranslation("ui.approvals.badge", n));
        }
    }

    /** The dashboard card: "N bản tin chờ duyệt", a link to the inbox. */
    static final class Card extends Div {

        private final transient BulletinService bulletins;
        private final Anchor link = new Anchor(INBOX, "");

        Card(BulletinService bulletins) {
            this.bulletins = bulletins;
            addClassName("loaxa-card");
            setId("approvals-card");
            link.setId("approvals-card-link");
            add(link);
            refresh();
        }

        void refresh() {
            int n = bulletins.countWaiting();
            link.setText(getTranslation(n == 0 ? "ui.approvals.cardNone" : "ui.approvals.card", n));
            link.getElement().setAttribute("data-count", Integer.toString(n));
        }
    }
}
