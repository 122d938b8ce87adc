package vn.loaxa.station;

import java.time.format.DateTimeFormatter;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import vn.loaxa.base.Texts;

/**
 * Turns the refusal into Spring Boot's short "APPLICATION FAILED TO START" report instead of a
 * stack trace: in Vietnamese for the operator at the console, then in English.
 */
final class StationLockFailureAnalyzer extends AbstractFailureAnalyzer<StationAlreadyRunningException> {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss xxx");

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, StationAlreadyRunningException cause) {
        var holder = cause.holder();
        var startedAt = holder.startedAt();
        var started = startedAt == null ? holder.started() : LOCAL.format(startedAt);
        var folder = cause.folder().toString();
        var description = Texts.get(Texts.VIETNAMESE, "station.lock.held", folder, holder.pid(), holder.host(), started)
                + "\n" + Texts.get(Texts.ENGLISH, "station.lock.held", folder, holder.pid(), holder.host(), started);
        var action = Texts.get(Texts.VIETNAMESE, "station.lock.action") + "\n"
                + Texts.get(Texts.ENGLISH, "station.lock.action");
        return new FailureAnalysis(description, action, cause);
    }
}
