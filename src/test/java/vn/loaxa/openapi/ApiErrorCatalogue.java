package vn.loaxa.openapi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Every error answer of the API with its stable {@code code}, in one place. The OpenAPI document is
 * built from it ({@link ApiDocumentation}), and the document's test fails for a call that has no
 * entry here, so a new endpoint cannot ship with its errors undocumented. Kept apart from the
 * controllers on purpose: one reviewed table reads better than annotations on every handler, and a
 * code changed in a service shows up here as one line.
 *
 * <p>Codes answered by the security chain and the database (401, 403, 429, 503, 507) apply to every
 * call ({@link #common}); the entries list what each call adds: its validation codes and its own
 * 4xx and 5xx answers.
 */
public final class ApiErrorCatalogue {

    /** One error answer: its HTTP status, its {@code code}, and what it means for the caller. */
    public record ErrorAnswer(int status, String code, String meaning) {
    }

    /**
     * One call: a one-line summary, the success statuses it answers with (and the media types of a
     * download), and its own error answers.
     */
    public record Entry(String summary, Map<Integer, String> success, List<String> produces,
                        List<ErrorAnswer> errors) {
    }

    // --- Answers of the security chain and the database, for every call --------------------------
    static final ErrorAnswer UNAUTHORIZED = new ErrorAnswer(401, "UNAUTHORIZED",
            "No credentials, a wrong password, an unknown, disabled or expired account or token");
    static final ErrorAnswer TOKEN_INVALID = new ErrorAnswer(401, "TOKEN_INVALID",
            "An unknown, expired or revoked API token, or one whose account is disabled");
    static final ErrorAnswer FORBIDDEN = new ErrorAnswer(403, "FORBIDDEN",
            "The account's roles do not allow this call");
    static final ErrorAnswer PASSWORD_CHANGE_REQUIRED = new ErrorAnswer(403, "PASSWORD_CHANGE_REQUIRED",
            "The account must change its password first (POST /api/account/password or the web UI)");
    static final ErrorAnswer TOKEN_SCOPE = new ErrorAnswer(403, "TOKEN_SCOPE",
            "The API token's scopes do not cover this call");
    static final ErrorAnswer CROSS_ORIGIN = new ErrorAnswer(403, "CROSS_ORIGIN",
            "A state-changing call sent by a browser from another site");
    static final ErrorAnswer LOGIN_THROTTLED = new ErrorAnswer(429, "LOGIN_THROTTLED",
            "Too many wrong passwords for this account or from this address: wait (Retry-After) and try again");
    static final ErrorAnswer DATABASE_BUSY = new ErrorAnswer(503, "DATABASE_BUSY",
            "The database stayed busy for more than a few seconds: nothing was changed, try again (Retry-After)");
    static final ErrorAnswer STARTING = new ErrorAnswer(503, "STARTING",
            "The station is starting: try again (Retry-After)");
    static final ErrorAnswer STOPPING = new ErrorAnswer(503, "STOPPING",
            "The station is shutting down");
    static final ErrorAnswer STORAGE_FULL = new ErrorAnswer(507, "STORAGE_FULL",
            "The disk is full: nothing was changed");

    // --- Answers of Spring MVC's request handling, for calls that take input ------------------------
    static final ErrorAnswer BAD_REQUEST = new ErrorAnswer(400, "BAD_REQUEST",
            "The request could not be read: malformed JSON, a value of the wrong type, a missing parameter or part");
    static final ErrorAnswer UNSUPPORTED_MEDIA_TYPE = new ErrorAnswer(415, "UNSUPPORTED_MEDIA_TYPE",
            "The body is not of the media type the call takes");

    // --- Strict input (decision 0017), for calls that take input ---------------------------------------
    static final ErrorAnswer BAD_PARAMETER = new ErrorAnswer(400, "BAD_PARAMETER",
            "A query or path parameter of the wrong type (page=abc, from=31/12/2026)");
    static final ErrorAnswer MISSING = new ErrorAnswer(400, "MISSING", "A required field, parameter or file is absent");
    static final ErrorAnswer TOO_LONG_TEXT = new ErrorAnswer(400, "TOO_LONG",
            "A text over its limit (titles and names 200 characters, reasons and notes 1000)");
    static final ErrorAnswer TOO_MANY = new ErrorAnswer(400, "TOO_MANY", "A list over its limit (200 assets or villages)");
    static final ErrorAnswer OUT_OF_RANGE = new ErrorAnswer(400, "OUT_OF_RANGE", "A number outside its bounds");
    static final ErrorAnswer DATE_OUT_OF_RANGE = new ErrorAnswer(400, "DATE_OUT_OF_RANGE",
            "A date outside its bounds (5 years for plans, 25 years for the log and reports)");
    static final ErrorAnswer BAD_JSON = new ErrorAnswer(400, "BAD_JSON",
            "Not JSON, an unknown field, a value of the wrong type, a key twice, or no body");
    static final ErrorAnswer BODY_TOO_LARGE = new ErrorAnswer(413, "TOO_LARGE", "A JSON body over 256 KB");
    static final ErrorAnswer NOT_FOUND = new ErrorAnswer(404, "NOT_FOUND",
            "No such API address: a path parameter left empty or with a slash makes the path no call's");

    private static final String JSON = "application/json";

    private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>();

    static {
        // --- Library ---------------------------------------------------------------------------------
        var importRefusals = List.of(
                e(413, "TOO_LARGE", "The file is larger than loaxa.library.max-file-size"),
                e(415, "NOT_AUDIO", "The file is not audio"),
                e(415, "UNSUPPORTED_FORMAT", "Audio the station neither decodes (MP3, WAV) nor converts (phone formats, with ffmpeg)"),
                e(422, "EMPTY_FILE", "The file is empty"),
                e(422, "CORRUPT", "The file's audio is damaged"),
                e(422, "TRUNCATED", "The file ends in the middle of its audio"),
                e(422, "UNDECODABLE_STREAM", "The audio could not be decoded"),
                e(422, "TOO_SHORT", "The audio is too short to broadcast"),
                e(422, "TOO_LONG", "The audio is longer than the station's limit (3 hours unless an admin changed it)"),
                e(507, "STORAGE_FAILED", "The file could not be stored in the audio folder"));
        var upload = new ArrayList<>(List.of(BAD_REQUEST));
        upload.addAll(importRefusals);
        add("POST /api/library", "Import an MP3 or WAV file into the library",
                Map.of(201, "The new asset", 200, "The same content was already in the library: the existing asset"),
                List.of(), upload);
        add("GET /api/library", "The library's assets, newest first", ok(), List.of(), List.of());

        // --- Station -----------------------------------------------------------------------------------
        add("GET /api/status", "The station now: time, output device, what is on air, alerts, readiness",
                ok(), List.of(), List.of());
        var noOutput = List.of(
                e(503, "OUTPUT_NO_DEVICE", "The PC has no sound output"),
                e(503, "OUTPUT_UNKNOWN_NAME", "The chosen sound output is not there"),
                e(503, "OUTPUT_UNAVAILABLE", "The sound output would not open"));
        var testTone = new ArrayList<>(List.of(e(409, "BUSY", "A broadcast is on air")));
        testTone.addAll(noOutput);
        add("POST /api/output/test-tone", "Play a 3 s, 1 kHz tone at -12 dBFS to check the amplifier chain",
                Map.of(202, "The tone is playing"), List.of(), testTone);

        // --- Villages and switching -------------------------------------------------------------------
        add("GET /api/villages", "The villages with their switching addresses and loudspeaker state",
                ok(), List.of(), List.of());
        add("GET /api/villages/{id}", "One village", ok(), List.of(), List.of(BAD_REQUEST,
                e(400, "UNKNOWN_VILLAGE", "No village has this id")));
        add("PUT /api/villages/{id}", "Change a village's name, use and switching addresses", ok(), List.of(),
                List.of(BAD_REQUEST,
                        e(400, "UNKNOWN_VILLAGE", "No village has this id, or the name is blank"),
                        e(400, "BAD_VILLAGE_CODE", "The code is not a short ASCII name like thon-1"),
                        e(400, "BAD_RELAY", "The relay is not 1 to 256"),
                        e(400, "BAD_DTMF", "A DTMF code has other characters than 0-9 * # A-D, or on equals off"),
                        e(400, "BAD_TOPIC", "The MQTT topic has #, + or spaces"),
                        e(400, "ADDRESS_IN_USE", "Another village already has this code, relay or topic")));
        var villageTest = new ArrayList<>(List.of(
                e(400, "NO_SWITCHING", "The switching driver is \"none\": there is nothing to test"),
                e(409, "BUSY", "A broadcast is on air or another test runs")));
        villageTest.addAll(noOutput);
        add("POST /api/villages/test", "Thử loa các thôn: each enabled village on in turn with a 1.5 s ident",
                ok(), List.of(), villageTest);
        add("POST /api/onair/stop", "Dừng phát: fade out the broadcast on air (optional key: the one the caller saw)",
                ok(), List.of(), List.of(
                        e(409, "NOTHING_ON_AIR", "Nothing is on air"),
                        e(409, "ON_AIR_CHANGED", "Another broadcast than the given key is on air"),
                        e(409, "ALREADY_STOPPING", "The broadcast on air is already being stopped")));
        add("POST /api/onair/skip", "Bỏ qua mục này: fade out the item on air, the next item follows (optional key, item)",
                ok(), List.of(), List.of(
                        e(409, "NOTHING_ON_AIR", "Nothing is on air"),
                        e(409, "ON_AIR_CHANGED", "Another broadcast or item than the given key and item is on air"),
                        e(409, "ALREADY_STOPPING", "The broadcast on air is being stopped"),
                        e(409, "ITEM_ENDING", "The item on air is already ending, or is the village switching signal")));
        add("GET /api/live", "Nói trực tiếp: whether someone is live now, and whether the station has an input",
                ok(), List.of(), List.of());
        add("POST /api/live", "Nói trực tiếp: the station's microphone on air to the chosen villages (or every village "
                + "as an emergency), recorded as it airs", ok(), List.of(), List.of(
                        e(400, "NO_VILLAGES", "No village in use was chosen"),
                        e(400, "UNKNOWN_VILLAGE", "A chosen village does not exist or is not in use"),
                        e(409, "ALREADY_LIVE", "Someone is already live"),
                        e(409, "NO_INPUT_DEVICE", "The microphone or line input could not be opened")));
        add("POST /api/live/end", "Ends the live broadcast; its recording goes to the library", ok(), List.of(),
                List.of(e(409, "NOT_LIVE", "No live broadcast is on")));
        add("GET /api/settings/switching", "The switching driver and its settings (never the MQTT password)",
                ok(), List.of(), List.of());
        add("GET /api/backups", "The backup folder, its good backups and the latest backup attempts", ok(), List.of(),
                List.of());
        add("POST /api/backups", "Start a backup now (made, verified, recorded like the nightly one)",
                Map.of(202, "The backup is running"), List.of(),
                List.of(e(409, "BACKUP_RUNNING", "A backup is already running")));
        add("PUT /api/settings/switching", "Change the switching driver and its settings", ok(), List.of(),
                List.of(BAD_REQUEST,
                        e(400, "BAD_DRIVER", "No driver given"),
                        e(400, "BAD_PRE_ROLL", "The pre-roll is not 0 to 30 s"),
                        e(400, "BAD_TIMEOUT", "A timeout is not 50 ms to 60 s"),
                        e(400, "BAD_BAUD", "The baud rate is not 300 to 921600"),
                        e(400, "BAD_UNIT", "The Modbus unit is not 1 to 247"),
                        e(400, "NO_SERIAL_PORT", "A relay board needs its serial port"),
                        e(400, "BAD_BROKER", "The MQTT broker is not like tcp://host:1883"),
                        e(400, "NO_CLIENT_ID", "MQTT needs a client id"),
                        e(400, "BAD_PROGRAM", "The command hook needs an absolute program path"),
                        e(400, "BAD_DTMF_LEVEL", "The DTMF level is not -30 to -7 dBFS"),
                        e(400, "BAD_DTMF_TIMING", "A DTMF tone or pause is not 40 to 1000 ms")));

        // --- Schedule ------------------------------------------------------------------------------------
        add("GET /api/programmes", "The programmes with their days, time, validity, villages and policies",
                ok(), List.of(), List.of());
        var oneOff = List.of(
                e(400, "NO_ASSETS", "No audio given"),
                e(400, "UNKNOWN_ASSET", "An audio id is not in the library, or retired"),
                e(400, "NO_VILLAGES", "No village given"),
                e(400, "UNKNOWN_VILLAGE", "A village id is unknown or the village is out of use"));
        var broadcast = new ArrayList<>(List.of(BAD_REQUEST,
                e(400, "NO_START", "startsAt is missing"),
                e(400, "IN_THE_PAST", "startsAt is more than the grace window ago")));
        broadcast.addAll(oneOff);
        broadcast.addAll(List.of(
                e(403, "UNAPPROVED_AUDIO", "An audio is no bulletin's approved for that day, and the caller is not ADMIN"),
                e(400, "UNKNOWN_BULLETIN", "A bulletin id is unknown or the bulletin deleted"),
                e(403, "UNAPPROVED_BULLETIN", "A bulletin of a one-off is not approved, or not valid, on its day"),
                e(400, "REASON_REQUIRED", "EMERGENCY priority without a reason"),
                e(400, "REASON_TOO_LONG", "The reason is longer than 1000 characters")));
        add("POST /api/broadcasts", "Store a one-off broadcast; the engine plays it at startsAt",
                Map.of(201, "The one-off, with its key O<id>"), List.of(), broadcast);
        var emergency = new ArrayList<>(List.of(BAD_REQUEST));
        emergency.addAll(oneOff);
        emergency.addAll(List.of(
                e(400, "REASON_REQUIRED", "No reason given"),
                e(400, "REASON_TOO_LONG", "The reason is longer than 1000 characters")));
        add("POST /api/emergency", "An emergency broadcast now: it cuts whatever is on air",
                Map.of(201, "The one-off, playing within about 1.5 s"), List.of(), emergency);
        add("GET /api/emergency-presets", "The emergency presets, for whoever may order an emergency",
                ok(), List.of(), List.of());
        add("POST /api/emergency-presets/{id}/order",
                "Order an emergency preset now: its siren and message, repeated, to its villages, cutting what is on air",
                Map.of(201, "The emergency one-off it stored, playing within about 1.5 s"), List.of(), List.of(
                        BAD_REQUEST, e(400, "UNKNOWN_PRESET", "No preset has this id"),
                        e(400, "NOTHING_TO_PLAY", "The preset has neither a siren nor a message it can play"),
                        e(400, "UNKNOWN_ASSET", "An audio of the preset is no longer in the library, or retired"),
                        e(400, "NO_VILLAGES", "No village is in use"),
                        e(400, "PRESET_JUST_ORDERED", "The same preset was ordered less than 30 s ago: the first order stands")));

        // --- Air log ---------------------------------------------------------------------------------------
        var badDates = e(400, "BAD_DATES", "to is before from");
        add("GET /api/airlog", "The as-played log of a period, filtered and paged", ok(), List.of(),
                List.of(BAD_REQUEST, badDates, e(400, "BAD_PAGE", "page below 0, or size not 1 to 1000")));
        var reportFailed = e(500, "REPORT_FAILED", "The file could not be rendered (the station's fault, never the request's)");
        add("GET /api/airlog.csv", "The as-played log of a period as CSV for Excel",
                Map.of(200, "UTF-8 CSV with BOM, as an attachment: a row per broadcast, then one per item. Columns,"
                        + " headers in the Accept-Language (Vietnamese by default): Loại, Mã lượt phát, Tiêu đề, Chủ đề,"
                        + " Giờ phát theo lịch, Giờ bắt đầu, Giờ kết thúc, Thời lượng dự kiến (giây),"
                        + " Thời lượng thực tế (giây), Thôn, Mức ưu tiên, Kết quả, Phát bởi, Lý do,"
                        + " Mã băm SHA-256 của tệp, Độ lợi (dB) (an item's loudness gain, two decimals with the"
                        + " language's separator; empty on broadcast rows and items logged without one)"),
                List.of("text/csv"), List.of(BAD_REQUEST, badDates, reportFailed));
        add("GET /api/airlog/villages", "The village switches (ON and OFF rows) of a period", ok(), List.of(),
                List.of(BAD_REQUEST, badDates));
        add("GET /api/airlog/verify", "Check the air log's hash chain", ok(), List.of(), List.of());

        // --- Schedule files ------------------------------------------------------------------------------------
        add("POST /api/schedules/import", "Import schedule files: a preview with dryRun=true, else applied at once",
                ok(), List.of(), List.of(BAD_REQUEST,
                        e(400, "BAD_SCHEDULE_FILE", "A file is refused; problems lists each with its file, line and field"),
                        e(413, "TOO_LARGE", "The upload is larger than the limit")));
        add("GET /api/schedules/export", "The current schedule as a schedule file",
                Map.of(200, "The schedule file, as an attachment"), List.of("application/yaml"), List.of());

        // --- Text-to-speech ------------------------------------------------------------------------------------
        var tts = new ArrayList<>(List.of(BAD_REQUEST,
                e(400, "BLANK_TEXT", "No text to speak"),
                e(400, "TEXT_TOO_LONG", "The text is longer than loaxa.tts.max-chars"),
                e(400, "UNKNOWN_VOICE", "No such voice"),
                e(500, "TTS_FAILED", "espeak-ng ran and failed"),
                e(503, "TTS_UNAVAILABLE", "espeak-ng is not installed")));
        tts.addAll(importRefusals);
        add("POST /api/tts", "Speak a Vietnamese text with espeak-ng into the library",
                Map.of(201, "The new asset", 200, "Identical audio was already in the library: the existing asset"),
                List.of(), tts);

        // --- Reports ---------------------------------------------------------------------------------------------
        add("GET /api/reports", "The report of a period: JSON, or xlsx, docx or CSV as an attachment", ok(),
                List.of(JSON, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "text/csv"),
                List.of(BAD_REQUEST, e(400, "BAD_DATES", "to is before from, or the period is longer than 5 years"),
                        e(400, "BAD_FORMAT", "format is not json, xlsx, docx or csv"), reportFailed));
        add("GET /api/evidence", "The evidence bundle (zip) of a period",
                Map.of(200, "The zip, as an attachment"), List.of("application/zip"),
                List.of(BAD_REQUEST, e(400, "BAD_DATES", "to is before from, or the period is longer than 5 years"),
                        reportFailed));

        // --- Audit trail -------------------------------------------------------------------------------------------
        var auditQuery = List.of(BAD_REQUEST, e(400, "BAD_DATE", "A date is not like 2026-03-01"),
                e(400, "BAD_DATES", "to is before from"), e(400, "BAD_PAGE", "page below 0, or size not 1 to 1000"));
        add("GET /api/audit", "The audit trail of a period: who changed what, when, from where", ok(), List.of(),
                auditQuery);
        add("GET /api/audit.csv", "The audit trail of a period as CSV for Excel",
                Map.of(200, "UTF-8 CSV with BOM, as an attachment"), List.of("text/csv"), auditQuery);
        add("GET /api/audit/verify", "Check the audit trail's hash chain", ok(), List.of(), List.of());

        // --- Accounts, tokens and sign-in ------------------------------------------------------------------------------
        // The password rules, wherever a password is set (PasswordPolicy).
        var passwordRules = List.of(
                e(400, "PASSWORD_TOO_SHORT", "The password has fewer than 10 characters"),
                e(400, "PASSWORD_TOO_LONG", "The password is longer than the limit"),
                e(400, "PASSWORD_IS_USERNAME", "The password is or contains the user name"),
                e(400, "PASSWORD_TOO_COMMON", "The password is on the list of common passwords"));
        var passwordChange = new ArrayList<>(List.of(BAD_REQUEST,
                e(400, "MISSING_PASSWORD", "currentPassword or newPassword is missing"),
                e(400, "WRONG_PASSWORD", "currentPassword is not the account's password"),
                e(400, "SAME_PASSWORD", "The new password is the current one")));
        passwordChange.addAll(passwordRules);
        add("POST /api/account/password", "Change the caller's own password (proving the current one)",
                Map.of(204, "Changed: the old password stops working at once"), List.of(), passwordChange);
        add("GET /api/security/lockouts", "Accounts and addresses held back after failed logins", ok(), List.of(),
                List.of());
        var notLocked = e(404, "NOT_LOCKED", "It was neither slowed down nor locked");
        add("DELETE /api/security/lockouts/{username}", "Let an account log in again at once",
                Map.of(204, "Lifted"), List.of(), List.of(BAD_REQUEST, notLocked));
        add("DELETE /api/security/lockouts", "Let a client address log in again at once",
                Map.of(204, "Lifted"), List.of(), List.of(BAD_REQUEST, notLocked));
        add("GET /api/tokens", "The caller's API tokens (ADMIN: any account's with user), never their secrets", ok(),
                List.of(), List.of(BAD_REQUEST, e(400, "UNKNOWN_USER", "No account has this name")));
        add("POST /api/tokens", "Create an API token; its secret is in this answer only",
                Map.of(201, "The token with its secret"), List.of(), List.of(BAD_REQUEST,
                        e(400, "BAD_TOKEN_NAME", "The name is blank or too long"),
                        e(400, "BAD_SCOPE", "A scope is not read, schedule, emergency, report or admin"),
                        e(400, "BAD_EXPIRY", "The expiry is not 1 to 730 days ahead"),
                        e(400, "NEVER_EXPIRES_NOT_ALLOWED", "Only a service account's token may never expire"),
                        e(400, "NOT_A_SERVICE_ACCOUNT", "A token for another account that is no service account"),
                        e(400, "UNKNOWN_USER", "No account has this name"),
                        e(400, "TOO_MANY_TOKENS", "The account already has 50 usable tokens")));
        add("DELETE /api/tokens/{id}", "Revoke an API token at once",
                ok(), List.of(), List.of(BAD_REQUEST, e(404, "TOKEN_NOT_FOUND", "No such token of the caller's")));
        add("GET /api/users", "The accounts, with their roles and kind", ok(), List.of(), List.of());
        var newUser = new ArrayList<>(List.of(BAD_REQUEST,
                e(400, "BAD_USERNAME", "The name is not 1 to 64 letters, digits, . _ @ -"),
                e(400, "USERNAME_TAKEN", "An account has this name"),
                e(400, "RESERVED_USERNAME", "The name is one the station itself acts under"),
                e(400, "BAD_ROLE", "A role is unknown"),
                e(400, "NO_ROLES", "No role given"),
                e(400, "BAD_KIND", "kind is not PERSON or SERVICE"),
                e(400, "SERVICE_ACCOUNT", "A password for a service account")));
        newUser.addAll(passwordRules);
        add("POST /api/users", "Create an account: a person with a temporary password, or a service account",
                Map.of(201, "The new account"), List.of(), newUser);
    }

    private ApiErrorCatalogue() {
    }

    /** The entry of a call, by {@code "METHOD /path"} as the document names it ({@code GET /api/villages/{id}}). */
    public static Optional<Entry> entry(String operation) {
        return Optional.ofNullable(ENTRIES.get(operation));
    }

    /** Every call the catalogue knows, as {@code "METHOD /path"}. */
    public static List<String> operations() {
        return List.copyOf(ENTRIES.keySet());
    }

    /**
     * The answers every call may get from the security chain and the database; {@code CROSS_ORIGIN}
     * only for the calls that change something, {@code BAD_REQUEST} and {@code UNSUPPORTED_MEDIA_TYPE}
     * only for calls that take input.
     */
    public static List<ErrorAnswer> common(String method, boolean takesInput, boolean hasBody) {
        var answers = new ArrayList<>(List.of(UNAUTHORIZED, TOKEN_INVALID, FORBIDDEN, PASSWORD_CHANGE_REQUIRED,
                TOKEN_SCOPE));
        if (!method.equals("GET") && !method.equals("HEAD")) {
            answers.add(CROSS_ORIGIN);
        }
        answers.add(LOGIN_THROTTLED);
        if (takesInput) {
            answers.addAll(List.of(BAD_REQUEST, BAD_PARAMETER, MISSING, TOO_LONG_TEXT, TOO_MANY, OUT_OF_RANGE,
                    DATE_OUT_OF_RANGE, NOT_FOUND));
        }
        if (hasBody) {
            answers.addAll(List.of(BAD_JSON, BODY_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE));
        }
        answers.addAll(List.of(DATABASE_BUSY, STARTING, STOPPING, STORAGE_FULL));
        return Collections.unmodifiableList(answers);
    }

    /** Everything a call may answer: the common answers, then its own, each code once. */
    public static List<ErrorAnswer> all(String method, @Nullable Entry entry, boolean takesInput, boolean hasBody) {
        var byCode = new LinkedHashMap<String, ErrorAnswer>();
        for (var a : common(method, takesInput, hasBody)) {
            byCode.put(a.status() + " " + a.code(), a);
        }
        if (entry != null) {
            for (var a : entry.errors()) {
                byCode.putIfAbsent(a.status() + " " + a.code(), a);
            }
        }
        return List.copyOf(byCode.values());
    }

    private static void add(String operation, String summary, Map<Integer, String> success, List<String> produces,
                            List<ErrorAnswer> errors) {
        if (ENTRIES.put(operation, new Entry(summary, success, produces, List.copyOf(errors))) != null) {
            throw new IllegalStateException("Listed twice: " + operation);
        }
    }

    private static Map<Integer, String> ok() {
        return Map.of(200, "OK");
    }

    private static ErrorAnswer e(int status, String code, String meaning) {
        return new ErrorAnswer(status, code, meaning);
    }
}
