package vn.loaxa.security;

import java.time.Duration;
import java.util.Locale;

import vn.loaxa.base.Texts;

/** How long to wait before the next login, in words: "45 giây", "15 phút". */
public final class LoginWait {

    private LoginWait() {
    }

    public static String text(Locale locale, Duration wait) {
        long seconds = LoginThrottledException.seconds(wait);
        if (seconds < 60) {
            return Texts.get(locale, "login.wait.seconds", Long.toString(seconds));
        }
        return Texts.get(locale, "login.wait.minutes", Long.toString((seconds + 59) / 60));
    }
}
