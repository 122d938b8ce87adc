package vn.loaxa.schedulefile;

import java.io.StringReader;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import vn.loaxa.base.Limits;
import vn.loaxa.schedule.Priority;
import vn.loaxa.schedule.StartPolicy;
import vn.loaxa.schedulefile.ScheduleDocument.*;
import vn.loaxa.zone.DriverKind;
import vn.loaxa.zone.DtmfTones;
import vn.loaxa.zone.SwitchingConfig;

/**
 * Reads one schedule file through SnakeYAML's node API (not its object mapping), so every value
 * keeps its line, and values are taken as written: {@code 05:30} stays a time, not YAML 1.1's
 * sexagesimal 330. Checks what one file can show alone; {@link ScheduleChecks} checks the rest.
 */
final class ScheduleFileParser {

    static final DateTimeFormatter VN_DATE = DateTimeFormatter.ofPattern("dd/MM/uuuu");
    private static final Pattern TIME = Pattern.compile("(\\d{1,2}):(\\d{2})");
    private static final Pattern LENGTH = Pattern.compile("(\\d+)\\s*(h|m|min|s|phút|giây|giờ)?");
    private static final Map<String, DayOfWeek> DAY_NAMES = dayNames();

    // The rules VillageZones and ZoneSettings apply when storing, checked here as well so that each
    // bad value is named with its line before anything is written. Keep them in step.
    private static final Pattern VILLAGE_CODE = Pattern.compile("[a-z0-9][a-z0-9._-]{0,31}");
    private static final Pattern DTMF = Pattern.compile("[0-9*#A-D]{1,16}");
    private static final Pattern TOPIC = Pattern.compile("[^#+\\s\\u0000]{1,200}");
    private static final Pattern INTEGER = Pattern.compile("\\d{1,7}");
    private static final Pattern DURATION = Pattern.compile("(\\d{1,6}(?:[.,]\\d{1,3})?)\\s*(ms|s|giây)");
    private static final Pattern LEVEL = Pattern.compile("(-?\\d{1,3}(?:[.,]\\d{1,2})?)\\s*(dbfs|db)?");
    private static final Duration MIN_TIMEOUT = Duration.ofMillis(50);
    private static final Duration MAX_TIMEOUT = Duration.ofSeconds(60);

    private final String file;
    private final List<ScheduleFileProblem> problems = new ArrayList<>();

    private ScheduleFileParser(String file) {
        this.file = file;
    }

    /** The file's content, or every problem found in it. */
    static ScheduleDocument parse(String file, String text) {
        var parser = new ScheduleFileParser(file);
        Node root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            var mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            int line = mark == null ? 1 : mark.getLine() + 1;
            throw new ScheduleFileException(List.of(new ScheduleFileProblem(file, line, "",
                    "schedulefile.error.yaml", String.valueOf(e.getProblem()))));
        } catch (YAMLException e) {
            throw new ScheduleFileException(List.of(new ScheduleFileProblem(file, 1, "",
                    "schedulefile.error.yaml", String.valueOf(e.getMessage()))));
        }
        var document = parser.document(root);
        if (!parser.problems.isEmpty()) {
            throw new ScheduleFileException(parser.problems);
        }
        return document;
    }

    private ScheduleDocument document(@Nullable Node root) {
        if (root == null) {
            problem(new Where(file, 1, ""), "schedulefile.error.empty");
            return new ScheduleDocument(null, null, null, null, null, null);
        }
        var top = fields(root, "", Set.of("station", "switching", "villages", "programmes", "campaigns",
                "bulletins"));
        var stationNode = top.get("station");
        var switchingNode = top.get("switching");
        return new ScheduleDocument(stationNode == null ? null : station(stationNode),
                list(top.get("villages"), "villages", Limits.IDS, this::village),
                list(top.get("programmes"), "programmes", Limits.FILE_ENTRIES, this::programme),
                list(top.get("campaigns"), "campaigns", Limits.FILE_ENTRIES, this::campaign),
                list(top.get("bulletins"), "bulletins", Limits.FILE_ENTRIES, this::bulletin),
                switchingNode == null ? null : switching(switchingNode));
    }

    private StationSpec station(Node node) {
        var f = fields(node, "station", Set.of("commune", "name", "time_zone"));
        var zoneNode = f.get("time_zone");
        return new StationSpec(text(f, node, "station", "commune"), text(f, node, "station", "name"),
                zoneNode == null ? "" : requiredText(zoneNode, "station.time_zone"), where(node, "station"),
                where(zoneNode == null ? node : zoneNode, "station.time_zone"));
    }

    /**
     * {@code - Thôn 1}, or with addresses:
     * {@code - {name: Thôn 1, code: thon-1, relay: 1, dtmf: {on: "*31#", off: "#31*"}, mqtt: gioson/thon1}}.
     */
    private VillageSpec village(Node node, String path) {
        if (!(node instanceof MappingNode)) {
            return new VillageSpec(requiredText(node, path), where(node, path));
        }
        var f = fields(node, path, Set.of("name", "code", "relay", "dtmf", "mqtt"));
        Given<String> code = null;
        var codeNode = f.get("code");
        if (codeNode != null) {
            var value = requiredText(codeNode, path + ".code").strip().toLowerCase(Locale.ROOT);
            if (!value.isEmpty() && !VILLAGE_CODE.matcher(value).matches()) {
                problem(where(codeNode, path + ".code"), "schedulefile.error.badCode", value);
            }
            code = new Given<>(value, where(codeNode, path + ".code"));
        }
        Given<String> on = null;
        Given<String> off = null;
        var dtmfNode = f.get("dtmf");
        if (dtmfNode != null) {
            var dtmfPath = path + ".dtmf";
            if (isBlank(dtmfNode)) {
                on = new Given<>(null, where(dtmfNode, dtmfPath));
                off = on;
            } else if (dtmfNode instanceof MappingNode) {
                var d = fields(dtmfNode, dtmfPath, Set.of("on", "off"));
                on = dtmf(d.get("on"), dtmfPath + ".on");
                off = dtmf(d.get("off"), dtmfPath + ".off");
                if (on != null && off != null && on.value() != null && on.value().equals(off.value())) {
                    problem(off.at(), "schedulefile.error.dtmfSame", on.value());
                }
            } else {
                problem(where(dtmfNode, dtmfPath), "schedulefile.error.dtmfPair");
            }
        }
        return new VillageSpec(text(f, node, path, "name"), new AddressSpec(code,
                integer(f, path, "relay", 1, 256, "schedulefile.error.badRelay", true), on, off, topic(f, path)),
                where(node, path));
    }

    private @Nullable Given<String> dtmf(@Nullable Node node, String path) {
        if (node == null) {
            return null;
        }
        if (isBlank(node)) {
            // Most often an unquoted "#31*": YAML reads everything from the # on as a comment.
            problem(where(node, path), "schedulefile.error.blankDtmf");
            return null;
        }
        var value = requiredText(node, path).strip().toUpperCase(Locale.ROOT);
        if (!DTMF.matcher(value).matches()) {
            problem(where(node, path), "schedulefile.error.badDtmf", value);
        }
        return new Given<>(value, where(node, path));
    }

    private @Nullable Given<String> topic(Map<String, Node> f, String parent) {
        var node = f.get("mqtt");
        if (node == null) {
            return null;
        }
        var path = parent + ".mqtt";
        if (isBlank(node)) {
            return new Given<>(null, where(node, path));
        }
        var value = requiredText(node, path).strip();
        if (!TOPIC.matcher(value).matches()) {
            problem(where(node, path), "schedulefile.error.badTopic", value);
        }
        return new Given<>(value, where(node, path));
    }

    private SwitchingSpec switching(Node node) {
        var path = "switching";
        var f = fields(node, path, Set.of("driver", "preroll", "serial", "mqtt", "command", "dtmf"));
        var serialPath = path + ".serial";
        var mqttPath = path + ".mqtt";
        var commandPath = path + ".command";
        var dtmfPath = path + ".dtmf";
        var serial = group(f.get("serial"), serialPath, Set.of("port", "baud", "unit", "timeout"));
        var mqtt = group(f.get("mqtt"), mqttPath, Set.of("broker", "username", "password", "client-id", "timeout"));
        var command = group(f.get("command"), commandPath, Set.of("program", "timeout"));
        var dtmf = group(f.get("dtmf"), dtmfPath, Set.of("level", "tone", "pause"));
        var tone = duration(dtmf, dtmfPath, "tone", Duration.ofMillis(DtmfTones.MIN_TONE_MS),
                Duration.ofMillis(DtmfTones.MAX_TONE_MS), "schedulefile.error.badDtmfTiming");
        var pause = duration(dtmf, dtmfPath, "pause", Duration.ofMillis(DtmfTones.MIN_PAUSE_MS),
                Duration.ofMillis(DtmfTones.MAX_PAUSE_MS), "schedulefile.error.badDtmfTiming");
        return new SwitchingSpec(driver(f.get("driver"), path + ".driver"),
                duration(f, path, "preroll", Duration.ZERO, SwitchingConfig.MAX_PRE_ROLL,
                        "schedulefile.error.badPreRoll"),
                setting(serial, serialPath, "port", true),
                integer(serial, serialPath, "baud", 300, 921_600, "schedulefile.error.badBaud", false),
                integer(serial, serialPath, "unit", 1, 247, "schedulefile.error.badUnit", false),
                duration(serial, serialPath, "timeout", MIN_TIMEOUT, MAX_TIMEOUT, "schedulefile.error.badTimeout"),
                setting(mqtt, mqttPath, "broker", true), setting(mqtt, mqttPath, "username", false),
                setting(mqtt, mqttPath, "password", false), setting(mqtt, mqttPath, "client-id", true),
                duration(mqtt, mqttPath, "timeout", MIN_TIMEOUT, MAX_TIMEOUT, "schedulefile.error.badTimeout"),
                setting(command, commandPath, "program", true),
                duration(command, commandPath, "timeout", MIN_TIMEOUT, MAX_TIMEOUT, "schedulefile.error.badTimeout"),
                level(dtmf, dtmfPath), tone == null ? null : new Given<>((int) tone.value().toMillis(), tone.at()),
                pause == null ? null : new Given<>((int) pause.value().toMillis(), pause.at()), where(node, path));
    }

    private Map<String, Node> group(@Nullable Node node, String path, Set<String> allowed) {
        return node == null ? Map.of() : fields(node, path, allowed);
    }

    private @Nullable Given<DriverKind> driver(@Nullable Node node, String path) {
        if (node == null) {
            return null;
        }
        var value = requiredText(node, path).strip();
        for (var kind : DriverKind.values()) {
            if (driverName(kind).equals(value.toLowerCase(Locale.ROOT).replace('_', '-'))) {
                return new Given<>(kind, where(node, path));
            }
        }
        problem(where(node, path), "schedulefile.error.badChoice", value,
                String.join(", ", java.util.Arrays.stream(DriverKind.values()).map(ScheduleFileParser::driverName)
                        .toList()));
        return null;
    }

    /** Text settings: blank is a value (""), e.g. no username. */
    private @Nullable Given<String> setting(Map<String, Node> f, String parent, String key, boolean strip) {
        var node = f.get(key);
        if (node == null) {
            return null;
        }
        if (isBlank(node)) {
            return new Given<>("", where(node, parent + "." + key));
        }
        var value = requiredText(node, parent + "." + key);
        return new Given<>(strip ? value.strip() : value, where(node, parent + "." + key));
    }

    /** A whole number in a range; {@code clearable}: blank is written to clear it. */
    private @Nullable Given<Integer> integer(Map<String, Node> f, String parent, String key, int min, int max,
                                             String rangeKey, boolean clearable) {
        var node = f.get(key);
        if (node == null) {
            return null;
        }
        var path = parent + "." + key;
        if (clearable && isBlank(node)) {
            return new Given<>(null, where(node, path));
        }
        var value = requiredText(node, path).strip();
        if (INTEGER.matcher(value).matches() && Integer.parseInt(value) >= min && Integer.parseInt(value) <= max) {
            return new Given<>(Integer.parseInt(value), where(node, path));
        }
        problem(where(node, path), rangeKey, value);
        return null;
    }

    /** "500ms", "2s", "1.5s", "2 giây": whole milliseconds, with the unit (a bare number is ambiguous here). */
    private @Nullable Given<Duration> duration(Map<String, Node> f, String parent, String key, Duration min,
                                               Duration max, String rangeKey) {
        var node = f.get(key);
        if (node == null) {
            return null;
        }
        var path = parent + "." + key;
        var value = requiredText(node, path).strip();
        var m = DURATION.matcher(value.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            problem(where(node, path), "schedulefile.error.badDuration", value);
            return null;
        }
        var millis = new BigDecimal(m.group(1).replace(',', '.'))
                .multiply(BigDecimal.valueOf(m.group(2).equals("ms") ? 1 : 1000));
        if (millis.stripTrailingZeros().scale() > 0) {
            problem(where(node, path), "schedulefile.error.badDuration", value);
            return null;
        }
        var d = Duration.ofMillis(millis.longValueExact());
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            problem(where(node, path), rangeKey, value);
            return null;
        }
        return new Given<>(d, where(node, path));
    }

    /** Each DTMF frequency's level in dBFS: "-10", "-10.5", "-10 dBFS". */
    private @Nullable Given<Double> level(Map<String, Node> f, String parent) {
        var node = f.get("level");
        if (node == null) {
            return null;
        }
        var path = parent + ".level";
        var value = requiredText(node, path).strip();
        var m = LEVEL.matcher(value.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            double level = Double.parseDouble(m.group(1).replace(',', '.'));
            if (level >= DtmfTones.MIN_LEVEL_DBFS && level <= DtmfTones.MAX_LEVEL_DBFS) {
                return new Given<>(level, where(node, path));
            }
        }
        problem(where(node, path), "schedulefile.error.badDtmfLevel", value);
        return null;
    }

    private ProgrammeSpec programme(Node node, String path) {
        var f = fields(node, path, Set.of("name", "days", "time", "max_length", "villages", "opening", "closing",
                "priority", "start_policy", "wait", "valid_from", "valid_to", "enabled", "queue"));
        var timeNode = f.get("time");
        var villages = f.get("villages");
        boolean all = villages == null || villages instanceof ScalarNode s && isAll(s.getValue());
        return new ProgrammeSpec(text(f, node, path, "name"), days(f, node, path),
                timeNode == null ? missing(node, path, "time", LocalTime.MIDNIGHT) : time(timeNode, path + ".time"),
                date(f, path, "valid_from"), date(f, path, "valid_to"),
                f.containsKey("max_length") ? length(f.get("max_length"), path + ".max_length", 1)
                        : missing(node, path, "max_length", 1),
                choice(f, path, "priority", Priority.class, Priority.NORMAL),
                choice(f, path, "start_policy", StartPolicy.class, StartPolicy.WAIT),
                f.containsKey("wait") ? length(f.get("wait"), path + ".wait", 0) : 0,
                audio(f, path, "opening"), audio(f, path, "closing"),
                all ? null : list(villages, path + ".villages", Limits.IDS, (n, p) -> new VillageSpec(requiredText(n, p), where(n, p))),
                !f.containsKey("enabled") || bool(f.get("enabled"), path + ".enabled"),
                list(f.get("queue"), path + ".queue", Limits.IDS, this::queueItem), where(node, path),
                where(timeNode == null ? node : timeNode, path + ".time"));
    }

    private QueueSpec queueItem(Node node, String path) {
        var f = fields(node, path, Set.of("bulletin", "from", "to"));
        return new QueueSpec(text(f, node, path, "bulletin"), date(f, path, "from"), date(f, path, "to"),
                where(node, path));
    }

    private CampaignSpec campaign(Node node, String path) {
        var f = fields(node, path, Set.of("name", "from", "to", "topics", "note"));
        var from = date(f, path, "from");
        var to = date(f, path, "to");
        if (from == null || to == null) {
            problem(where(node, path), "schedulefile.error.missingField", from == null ? "from" : "to");
        } else if (to.isBefore(from)) {
            problem(where(f.get("to"), path + ".to"), "schedulefile.error.datesReversed");
        }
        var topics = list(f.get("topics"), path + ".topics", Limits.IDS, (n, p) -> new TopicRef(requiredText(n, p), where(n, p)));
        return new CampaignSpec(text(f, node, path, "name"), from == null ? LocalDate.MIN : from,
                to == null ? LocalDate.MAX : to, topics == null ? List.of() : topics, optionalText(f, path, "note", Limits.TEXT),
                where(node, path));
    }

    private BulletinSpec bulletin(Node node, String path) {
        var f = fields(node, path, Set.of("title", "file", "topic", "author", "source", "valid_from", "valid_to"));
        var file = audio(f, path, "file");
        var topic = f.get("topic");
        return new BulletinSpec(text(f, node, path, "title"),
                file == null ? missing(node, path, "file", new AudioRef("", where(node, path))) : file,
                topic == null ? missing(node, path, "topic", new TopicRef("", where(node, path)))
                        : new TopicRef(requiredText(topic, path + ".topic"), where(topic, path + ".topic")),
                optionalText(f, path, "author", Limits.TITLE), optionalText(f, path, "source", Limits.TITLE), date(f, path, "valid_from"),
                date(f, path, "valid_to"), where(node, path));
    }

    // --- values --------------------------------------------------------------------------------------

    private LocalTime time(Node node, String path) {
        var value = requiredText(node, path);
        var m = TIME.matcher(value.strip());
        if (m.matches() && Integer.parseInt(m.group(1)) < 24 && Integer.parseInt(m.group(2)) < 60) {
            return LocalTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        }
        problem(where(node, path), "schedulefile.error.badTime", value);
        return LocalTime.MIDNIGHT;
    }

    private @Nullable LocalDate date(Map<String, Node> f, String parent, String key) {
        var node = f.get(key);
        if (node == null) {
            return null;
        }
        var value = requiredText(node, parent + "." + key).strip();
        try {
            var day = value.contains("/") ? LocalDate.parse(value, VN_DATE) : LocalDate.parse(value);
            // Decision 0017: no date far ahead; past dates as far back as the air log is read, so a
            // long-running station's export (programmes valid since its first year) imports again.
            var today = LocalDate.now();
            var earliest = today.minusYears(Limits.READ_YEARS);
            var latest = today.plusYears(Limits.YEARS);
            if (day.isBefore(earliest) || day.isAfter(latest)) {
                problem(where(node, parent + "." + key), "schedulefile.error.dateOutOfRange", value,
                        VN_DATE.format(earliest), VN_DATE.format(latest));
            }
            return day;
        } catch (DateTimeParseException e) {
            problem(where(node, parent + "." + key), "schedulefile.error.badDate", value);
            return null;
        }
    }

    /** "30m", "90s", "1h", or a plain number of minutes; in seconds. */
    private int length(Node node, String path, int minimum) {
        var value = requiredText(node, path).strip().toLowerCase(Locale.ROOT);
        var m = LENGTH.matcher(value);
        if (m.matches() && m.group(1).length() <= 6) {
            int n = Integer.parseInt(m.group(1));
            var unit = m.group(2) == null ? "m" : m.group(2);
            int seconds = switch (unit) {
                case "h", "giờ" -> n * 3600;
                case "s", "giây" -> n;
                default -> n * 60;
            };
            if (seconds >= minimum && seconds <= 24 * 3600) {
                return seconds;
            }
        }
        problem(where(node, path), "schedulefile.error.badLength", value);
        return Math.max(minimum, 1);
    }

    private Set<DayOfWeek> days(Map<String, Node> f, Node parent, String path) {
        var node = f.get("days");
        if (node == null) {
            return missing(parent, path, "days", EnumSet.allOf(DayOfWeek.class));
        }
        var tokens = new ArrayList<Map.Entry<String, Node>>();
        if (node instanceof SequenceNode seq) {
            seq.getValue().forEach(n -> tokens.add(Map.entry(requiredText(n, path + ".days"), n)));
        } else {
            for (var t : requiredText(node, path + ".days").split(",")) {
                tokens.add(Map.entry(t, node));
            }
        }
        var days = EnumSet.noneOf(DayOfWeek.class);
        for (var t : tokens) {
            var token = t.getKey().strip().toLowerCase(Locale.ROOT);
            if (isAll(token)) {
                days.addAll(EnumSet.allOf(DayOfWeek.class));
            } else if (DAY_NAMES.containsKey(token)) {
                days.add(DAY_NAMES.get(token));
            } else {
                problem(where(t.getValue(), path + ".days"), "schedulefile.error.badDay", t.getKey().strip());
            }
        }
        if (days.isEmpty()) {
            problem(where(node, path + ".days"), "schedulefile.error.badDay", "");
        }
        return days;
    }

    private <E extends Enum<E>> E choice(Map<String, Node> f, String parent, String key, Class<E> type, E fallback) {
        var node = f.get(key);
        if (node == null) {
            return fallback;
        }
        var value = requiredText(node, parent + "." + key).strip();
        for (var e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(value)) {
                return e;
            }
        }
        problem(where(node, parent + "." + key), "schedulefile.error.badChoice", value,
                String.join(", ", java.util.Arrays.stream(type.getEnumConstants()).map(Enum::name).toList()));
        return fallback;
    }

    private boolean bool(Node node, String path) {
        var value = requiredText(node, path).strip().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "true", "yes", "có" -> true;
            case "false", "no", "không" -> false;
            default -> {
                problem(where(node, path), "schedulefile.error.badChoice", value, "true, false");
                yield true;
            }
        };
    }

    private @Nullable AudioRef audio(Map<String, Node> f, String parent, String key) {
        var node = f.get(key);
        var path = parent + "." + key;
        if (node instanceof MappingNode) {
            // The long form gives the title the file takes in the library: {file: mo-dau.mp3, title: Mở đầu}.
            var g = fields(node, path, Set.of("file", "title"));
            var title = optionalText(g, path, "title", Limits.TITLE);
            return new AudioRef(text(g, node, path, "file"), where(node, path), title.isBlank() ? null : title);
        }
        return node == null ? null : new AudioRef(requiredText(node, path).strip(), where(node, path));
    }

    // --- structure -----------------------------------------------------------------------------------

    private Map<String, Node> fields(Node node, String path, Set<String> allowed) {
        var result = new LinkedHashMap<String, Node>();
        if (!(node instanceof MappingNode mapping)) {
            problem(where(node, path), "schedulefile.error.notMapping");
            return result;
        }
        for (var tuple : mapping.getValue()) {
            var keyNode = tuple.getKeyNode();
            var key = keyNode instanceof ScalarNode s ? s.getValue() : "?";
            var keyPath = path.isEmpty() ? key : path + "." + key;
            if (!allowed.contains(key)) {
                problem(where(keyNode, keyPath), "schedulefile.error.unknownField", key,
                        String.join(", ", allowed.stream().sorted().toList()));
            } else if (result.putIfAbsent(key, tuple.getValueNode()) != null) {
                problem(where(keyNode, keyPath), "schedulefile.error.duplicateField", key);
            }
        }
        return result;
    }

    private <T> @Nullable List<T> list(@Nullable Node node, String path, int max, BiFunction<Node, String, T> item) {
        if (node == null) {
            return null;
        }
        if (node instanceof ScalarNode s && s.getValue().isBlank()) {
            return List.of();
        }
        if (!(node instanceof SequenceNode seq)) {
            problem(where(node, path), "schedulefile.error.notList");
            return List.of();
        }
        if (seq.getValue().size() > max) {
            problem(where(node, path), "schedulefile.error.tooMany", Integer.toString(seq.getValue().size()),
                    Integer.toString(max));
            return List.of();
        }
        var result = new ArrayList<T>();
        for (int i = 0; i < seq.getValue().size(); i++) {
            result.add(item.apply(seq.getValue().get(i), path + "[" + i + "]"));
        }
        return result;
    }

    /** A name or title: at most {@link Limits#TITLE} characters. */
    private String text(Map<String, Node> f, Node parent, String path, String key) {
        var node = f.get(key);
        return node == null ? missing(parent, path, key, "") : bounded(node, path + "." + key, Limits.TITLE);
    }

    private String optionalText(Map<String, Node> f, String path, String key, int max) {
        var node = f.get(key);
        return node == null ? "" : bounded(node, path + "." + key, max);
    }

    private String bounded(Node node, String path, int max) {
        var value = requiredText(node, path).strip();
        if (value.length() > max) {
            problem(where(node, path), "schedulefile.error.tooLong", Integer.toString(value.length()),
                    Integer.toString(max));
            return value.substring(0, max);
        }
        return value;
    }

    private String requiredText(Node node, String path) {
        if (node instanceof ScalarNode s) {
            if (s.getValue().isBlank()) {
                problem(where(node, path), "schedulefile.error.blank");
            }
            if (s.getValue().length() > Limits.SETTING) {
                problem(where(node, path), "schedulefile.error.tooLong", Integer.toString(s.getValue().length()),
                        Integer.toString(Limits.SETTING));
                return s.getValue().substring(0, Limits.SETTING);
            }
            return s.getValue();
        }
        problem(where(node, path), "schedulefile.error.notText");
        return "";
    }

    private <T> T missing(Node parent, String path, String key, T placeholder) {
        problem(where(parent, path), "schedulefile.error.missingField", key);
        return placeholder;
    }

    private Where where(Node node, String path) {
        return new Where(file, node.getStartMark().getLine() + 1, path);
    }

    private void problem(Where where, String key, Object... args) {
        problems.add(ScheduleFileProblem.at(where, key, args));
    }

    /**
     * Written empty: {@code relay:} or {@code relay: ""}. Not YAML's {@code null} or {@code ~}: values are
     * taken as written, so a username "null" stays one.
     */
    private static boolean isBlank(Node node) {
        return node instanceof ScalarNode s && s.getValue().isBlank();
    }

    /** How a driver is written in files: none, modbus, relay-a0, dtmf, mqtt, command. */
    static String driverName(DriverKind kind) {
        return kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static boolean isAll(String value) {
        var v = value.strip().toLowerCase(Locale.ROOT);
        return v.equals("all") || v.equals("daily") || v.equals("tất cả") || v.equals("hằng ngày")
                || v.equals("hàng ngày");
    }

    private static Map<String, DayOfWeek> dayNames() {
        var m = new LinkedHashMap<String, DayOfWeek>();
        for (var d : DayOfWeek.values()) {
            m.put(d.name().substring(0, 3).toLowerCase(Locale.ROOT), d);
            m.put(d.name().toLowerCase(Locale.ROOT), d);
            m.put(d == DayOfWeek.SUNDAY ? "cn" : "t" + (d.getValue() + 1), d);
        }
        return Map.copyOf(m);
    }

    /** The Vietnamese short name of a day as written in files: T2..T7, CN. */
    static String dayName(DayOfWeek d) {
        return d == DayOfWeek.SUNDAY ? "CN" : "T" + (d.getValue() + 1);
    }
}
