package vn.loaxa.base.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.access.AccessDeniedException;

import vn.loaxa.base.InvalidInputException;
import vn.loaxa.base.RefusedException;
import vn.loaxa.base.SqliteErrors;

/** Success and error messages in the user's language; a refused input says why, in their words. */
public final class Notices {

    private Notices() {
    }

    public static void success(Component source, String key, Object... args) {
        var n = Notification.show(source.getTranslation(key, args), 4000, Notification.Position.BOTTOM_START);
        n.addThemeVariants(NotificationVariant.LUMO_SUCCESS);
    }

    public static void error(Component source, String message) {
        var n = Notification.show(message, 8000, Notification.Position.MIDDLE);
        n.addThemeVariants(NotificationVariant.LUMO_ERROR);
    }

    /** Runs an action and turns the refusals services throw into a readable message; true when it worked. */
    public static boolean attempt(Component source, Runnable action) {
        try {
            action.run();
            return true;
        } catch (InvalidInputException e) {
            error(source, source.getTranslation(e.messageKey(), e.args()));
        } catch (RefusedException e) {
            error(source, source.getTranslation(e.messageKey(), e.args()));
        } catch (AccessDeniedException e) {
            error(source, source.getTranslation("ui.error.forbidden"));
        } catch (DuplicateKeyException e) {
            error(source, source.getTranslation("ui.error.duplicate"));
        } catch (IllegalArgumentException e) {
            error(source, source.getTranslation("ui.error.invalid"));
        } catch (RuntimeException e) {
            var trouble = SqliteErrors.troubleOf(e);
            if (trouble.isEmpty()) {
                throw e;
            }
            error(source, source.getTranslation(databaseMessage(trouble.get())));
        }
        return false;
    }

    /** Why a change was refused to this user, in their words; for code that handles the refusal itself. */
    public static String refusal(Component source, AccessDeniedException e) {
        return e instanceof RefusedException r ? source.getTranslation(r.messageKey(), r.args())
                : source.getTranslation("ui.error.forbidden");
    }

    /** The message key for a busy or full database: nothing was changed, and what the user can do. */
    public static String databaseMessage(SqliteErrors.Trouble trouble) {
        return trouble == SqliteErrors.Trouble.BUSY ? "error.api.databaseBusy" : "error.api.storageFull";
    }
}
