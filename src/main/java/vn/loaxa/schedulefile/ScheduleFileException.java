package vn.loaxa.schedulefile;

import java.util.List;
import java.util.Locale;

import vn.loaxa.base.Texts;

/** Schedule files that cannot be imported; nothing was changed. Carries every problem found. */
public class ScheduleFileException extends RuntimeException {

    private final transient List<ScheduleFileProblem> problems;

    public ScheduleFileException(List<ScheduleFileProblem> problems) {
        super(problems.isEmpty() ? "schedule file rejected" : problems.getFirst().message(Texts.ENGLISH)
                + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : ""));
        this.problems = List.copyOf(problems);
    }

    public List<ScheduleFileProblem> problems() {
        return problems;
    }

    public List<String> messages(Locale locale) {
        return problems.stream().map(p -> p.message(locale)).toList();
    }
}
