package vn.loaxa.base.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import vn.loaxa.base.SqliteErrors;

/**
 * What a user sees when a screen fails outside the refusals views handle themselves: a busy or full
 * database is said so in the user's language (nothing was changed; try again), anything else a
 * short message while the details go to the system log, never a stack trace.
 */
@Component
class UiErrors implements VaadinServiceInitListener {

    private static final Logger log = LoggerFactory.getLogger(UiErrors.class);

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addSessionInitListener(init -> init.getSession().setErrorHandler(error -> {
            var cause = error.getThrowable();
            var trouble = SqliteErrors.troubleOf(cause);
            if (trouble.isPresent()) {
                log.warn("Database {} in the web UI: {}", trouble.get(), cause.getMessage());
            } else {
                log.error("Unexpected failure in the web UI", cause);
            }
            var ui = UI.getCurrent();
            if (ui != null) {
                var key = trouble.map(Notices::databaseMessage).orElse("error.api.internal");
                var n = Notification.show(ui.getTranslation(key), 8000, Notification.Position.MIDDLE);
                n.addThemeVariants(NotificationVariant.LUMO_ERROR);
            }
        }));
    }
}
