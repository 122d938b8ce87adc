package vn.loaxa.schedulefile;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import vn.loaxa.bulletin.Bulletin;
import vn.loaxa.schedule.QueueEntry;
import vn.loaxa.schedulefile.ScheduleDocument.BulletinSpec;
import vn.loaxa.schedulefile.ScheduleDocument.ProgrammeSpec;
import vn.loaxa.schedulefile.ScheduleDocument.QueueSpec;

/**
 * A schedule document checked against the station: every name it uses is known, every audio file
 * found. Also the one place that fills in what a file may leave out (dates default to the import
 * day, or to what the station already has), so the preview and the import agree.
 */
record Resolved(ScheduleDocument doc, LocalDate today, List<String> villageNames, Map<String, Audio> audio,
                Map<String, Long> topicIds, Map<String, BulletinSpec> bulletinSpecs,
                Map<String, Bulletin> existingBulletins) {

    /**
     * An audio reference found: a file still to import (with its hash), or an asset already in the
     * library ({@code assetId}, also set when the file's content is already there).
     */
    record Audio(String name, @Nullable Path file, @Nullable String sha256, @Nullable Long assetId) {
    }

    /** One queue entry as it will be stored. */
    record Slot(String bulletinTitle, LocalDate from, LocalDate to) {
    }

    /** The same, with the asset ids an import has just given to files that were not yet in the library. */
    Resolved withAssets(Map<String, Long> assetIds) {
        var audio = new java.util.LinkedHashMap<String, Audio>();
        this.audio.forEach((name, a) -> audio.put(name, new Audio(name, a.file(), a.sha256(),
                a.assetId() != null ? a.assetId() : assetIds.get(name))));
        return new Resolved(doc, today, villageNames, audio, topicIds, bulletinSpecs, existingBulletins);
    }

    List<String> villagesOf(ProgrammeSpec p) {
        return p.villages() == null ? villageNames
                : p.villages().stream().map(v -> v.name().strip()).distinct().toList();
    }

    LocalDate validFrom(ProgrammeSpec p, @Nullable LocalDate existing) {
        return p.validFrom() != null ? p.validFrom() : existing != null ? existing : today;
    }

    /**
     * The programme's queue with every date filled in; an entry without dates keeps those of the
     * entry already at that place for the same bulletin, so importing the same file again is no change.
     */
    List<Slot> queue(ProgrammeSpec p, List<QueueEntry> existing, Map<Long, String> titleOfBulletin) {
        var specs = p.queue() == null ? List.<QueueSpec>of() : p.queue();
        var slots = new java.util.ArrayList<Slot>();
        for (int i = 0; i < specs.size(); i++) {
            var q = specs.get(i);
            var title = q.bulletin().strip();
            var old = i < existing.size() && title.equals(titleOfBulletin.get(existing.get(i).bulletinId()))
                    ? existing.get(i) : null;
            var from = q.from() != null ? q.from() : old != null ? old.fromDate() : today;
            var bulletinEnd = bulletinEnd(title);
            var to = q.to() != null ? q.to() : old != null && q.from() == null ? old.toDate()
                    : bulletinEnd != null ? bulletinEnd : from.plusYears(1).minusDays(1);
            slots.add(new Slot(title, from, to));
        }
        return slots;
    }

    private @Nullable LocalDate bulletinEnd(String title) {
        var spec = bulletinSpecs.get(title);
        if (spec != null) {
            return spec.validTo();
        }
        var existing = existingBulletins.get(title);
        return existing == null ? null : existing.validTo();
    }
}
