package vn.loaxa.security;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What an API token may be used for. A token acts with its owner's roles and only within its
 * scopes: both must allow a call. Which call needs which scope is written once, in
 * {@link ApiScopes}.
 */
public enum ApiScope {
    /** Reading the station's state: status, library, programmes, air log, villages, own tokens. */
    READ,
    /** Changing what airs: uploads, one-offs, schedule files, text-to-speech, test tone, village test. */
    SCHEDULE,
    /** Ordering an emergency broadcast (POST /api/emergency). */
    EMERGENCY,
    /** Downloading reports, the evidence bundle and the air log export. */
    REPORT,
    /** Managing users, settings, village addresses and tokens. */
    ADMIN;

    /** The name in JSON and in the database: lower case, e.g. {@code read}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ApiScope> ofCode(String code) {
        return Arrays.stream(values()).filter(s -> s.code().equals(code.strip().toLowerCase(Locale.ROOT))).findFirst();
    }
}
