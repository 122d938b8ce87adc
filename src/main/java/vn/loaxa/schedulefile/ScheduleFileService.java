package vn.loaxa.schedulefile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import vn.loaxa.library.LibraryService;
import vn.loaxa.audit.Audited;

/**
 * Imports and exports schedule files. An import is checked whole first: {@link #preview} says what
 * would change and changes nothing; {@link #apply} does the same checks and then applies every
 * change in one transaction, or none.
 */
@Service
public class ScheduleFileService {

    /**
     * The largest schedule file accepted: a commune's whole station is a few tens of KB, and the YAML
     * reader's own limit is 3 MB of text. Checked while the file streams in, so a huge upload is
     * never held in memory.
     */
    public static final int MAX_FILE_BYTES = 2 * 1024 * 1024;

    /** A schedule file as received: its name (for error messages) and its bytes. */
    public record SourceFile(String name, byte[] content) {

        /**
         * Reads at most {@link #MAX_FILE_BYTES} (plus one, to know there was more) and refuses a
         * larger file with its name and the limit; nothing beyond that is read.
         */
        public static SourceFile read(String name, InputStream in) throws IOException {
            var bytes = in.readNBytes(MAX_FILE_BYTES + 1);
            if (bytes.length > MAX_FILE_BYTES) {
                throw tooLarge(name);
            }
            return new SourceFile(name, bytes);
        }

        /** A file announced (or found) larger than the limit, refused before it is read. */
        public static ScheduleFileException tooLarge(String name) {
            return new ScheduleFileException(List.of(new ScheduleFileProblem(name, 1, "",
                    "schedulefile.error.tooLarge", LibraryService.size(MAX_FILE_BYTES))));
        }
    }

    /**
     * What an import would change (or did), and what the admin should know about the files (each
     * with its file and line), though nothing stops the import.
     */
    public record Review(List<Change> changes, List<ScheduleFileProblem> warnings) {
    }

    private static final Logger log = LoggerFactory.getLogger(ScheduleFileService.class);

    private final ScheduleChecks checks;
    private final ScheduleDiff diff;
    private final ScheduleApplier applier;
    private final ScheduleFileWriter writer;

    ScheduleFileService(ScheduleChecks checks, ScheduleDiff diff, ScheduleApplier applier, ScheduleFileWriter writer) {
        this.checks = checks;
        this.diff = diff;
        this.applier = applier;
        this.writer = writer;
    }

    /**
     * What importing these files would change; throws {@link ScheduleFileException} naming each problem.
     * No transaction around it: the checks decode every audio file named, which can take seconds.
     */
    @PreAuthorize("hasRole('ADMIN')")
    public List<Change> preview(List<SourceFile> files) {
        return review(files).changes();
    }

    /** {@link #preview} with the warnings, e.g. a password written into the file. */
    @PreAuthorize("hasRole('ADMIN')")
    public Review review(List<SourceFile> files) {
        var plan = diff.plan(checks.resolve(read(files)));
        return new Review(plan.changes(), plan.warnings());
    }

    /** Imports the files in one transaction and returns what changed; on any problem nothing changes. */
    @PreAuthorize("hasRole('ADMIN')")
    @Audited(value = "SCHEDULE_FILE_IMPORTED", target = "SCHEDULE_FILE", name = "T(String).join(', ', #files.![name()])",
            details = "{'changes': #result.![section() + ' ' + action() + ': ' + name()]}")
    public List<Change> apply(List<SourceFile> files) {
        return importFiles(files).changes();
    }

    /** {@link #apply} with the warnings, for a caller that applies without a preview first. */
    @PreAuthorize("hasRole('ADMIN')")
    @Audited(value = "SCHEDULE_FILE_IMPORTED", target = "SCHEDULE_FILE", name = "T(String).join(', ', #files.![name()])",
            details = "{'changes': #result.changes().![section() + ' ' + action() + ': ' + name()],"
                    + " 'warnings': #result.warnings().size()}")
    public Review importFiles(List<SourceFile> files) {
        var plan = diff.plan(checks.resolve(read(files)));
        applier.apply(plan, files.stream().map(SourceFile::name).collect(Collectors.joining(", ")));
        log.info("Imported schedule files {}: {} changes", files.stream().map(SourceFile::name).toList(),
                plan.changes().size());
        plan.warnings().forEach(w -> log.warn("Schedule import: {}", w.message(vn.loaxa.base.Texts.ENGLISH)));
        return new Review(plan.changes(), plan.warnings());
    }

    /** The current schedule in the schedule file format; it names villages' addresses, so not for every user. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    public String export() {
        return writer.write();
    }

    /** The {@code *.yaml} and {@code *.yml} files of a folder, sorted by name. */
    public static List<SourceFile> filesIn(Path dir) throws IOException {
        var result = new ArrayList<SourceFile>();
        if (!Files.isDirectory(dir)) {
            return result;
        }
        try (var list = Files.list(dir)) {
            for (var p : list.filter(f -> f.getFileName().toString().matches("(?i).*\\.ya?ml"))
                    .filter(Files::isRegularFile).sorted().toList()) {
                try (var in = Files.newInputStream(p)) {
                    result.add(SourceFile.read(p.getFileName().toString(), in));
                }
            }
        }
        return result;
    }

    private static ScheduleDocument read(List<SourceFile> files) {
        var problems = new ArrayList<ScheduleFileProblem>();
        var documents = new ArrayList<ScheduleDocument>();
        if (files.isEmpty()) {
            throw new ScheduleFileException(List.of(new ScheduleFileProblem("", 1, "", "schedulefile.error.noFiles")));
        }
        for (var f : files) {
            try {
                documents.add(ScheduleFileParser.parse(f.name(), utf8(f)));
            } catch (ScheduleFileException e) {
                problems.addAll(e.problems());
            }
        }
        var merged = merge(documents, problems);
        if (!problems.isEmpty()) {
            throw new ScheduleFileException(problems);
        }
        return merged;
    }

    private static String utf8(SourceFile f) {
        try {
            var text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(f.content())).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            // Windows editors may save in a legacy code page; the diacritics would come out wrong.
            throw new ScheduleFileException(List.of(new ScheduleFileProblem(f.name(), 1, "",
                    "schedulefile.error.notUtf8")));
        }
    }

    /** Several files make one schedule: lists are joined; the station and switching may be described only once. */
    private static ScheduleDocument merge(List<ScheduleDocument> docs, List<ScheduleFileProblem> problems) {
        if (docs.size() == 1) {
            return docs.getFirst();
        }
        ScheduleDocument.StationSpec station = null;
        List<ScheduleDocument.VillageSpec> villages = null;
        List<ScheduleDocument.ProgrammeSpec> programmes = null;
        List<ScheduleDocument.CampaignSpec> campaigns = null;
        List<ScheduleDocument.BulletinSpec> bulletins = null;
        ScheduleDocument.SwitchingSpec switching = null;
        for (var d : docs) {
            if (d.station() != null) {
                if (station != null) {
                    problems.add(ScheduleFileProblem.at(d.station().at(), "schedulefile.error.secondStation"));
                }
                station = d.station();
            }
            if (d.switching() != null) {
                if (switching != null) {
                    problems.add(ScheduleFileProblem.at(d.switching().at(), "schedulefile.error.secondSwitching"));
                }
                switching = d.switching();
            }
            villages = join(villages, d.villages());
            programmes = join(programmes, d.programmes());
            campaigns = join(campaigns, d.campaigns());
            bulletins = join(bulletins, d.bulletins());
        }
        return new ScheduleDocument(station, villages, programmes, campaigns, bulletins, switching);
    }

    private static <T> List<T> join(List<T> a, List<T> b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        var all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
