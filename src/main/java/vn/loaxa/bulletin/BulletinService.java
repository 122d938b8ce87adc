package vn.loaxa.bulletin;

import java.nio.file.Files;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import vn.loaxa.audit.Audited;
import vn.loaxa.base.InvalidInputException;
import vn.loaxa.base.Limits;
import vn.loaxa.base.RefusedException;
import vn.loaxa.library.LibraryService;
import vn.loaxa.security.CurrentUser;
import vn.loaxa.security.Role;

/**
 * Bulletins and their approval. An operator writes and submits; only commune leadership (APPROVER)
 * or an ADMIN approves or rejects, a rejection always with a comment. Changing the content of a
 * bulletin sends it back to DRAFT, because the approval was for the old content. Unless an admin
 * turns it off ({@link ApprovalRule#APPROVAL_NOT_BY_AUTHOR}), whoever created a bulletin or
 * wrote its current content cannot approve it: a second person has looked at everything that airs.
 */
@Service
public class BulletinService {

    private final BulletinRepository bulletins;
    private final TopicService topics;
    private final LibraryService library;
    private final ApprovalRule approvalRule;
    private final Clock clock;

    BulletinService(BulletinRepository bulletins, TopicService topics, LibraryService library,
                    ApprovalRule approvalRule, Clock clock) {
        this.bulletins = bulletins;
        this.topics = topics;
        this.library = library;
        this.approvalRule = approvalRule;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<Bulletin> findAll() {
        return bulletins.findAll();
    }

    @Transactional(readOnly = true)
    public Bulletin require(long id) {
        return bulletins.findById(id).filter(b -> !b.deleted()).orElseThrow(() -> new InvalidInputException(
                "UNKNOWN_BULLETIN", "error.bulletin.unknown", "No bulletin " + id, id));
    }

    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    @Audited(value = "BULLETIN_CREATED", target = "BULLETIN", snapshot = "#result")
    public Bulletin create(Bulletin.Draft draft) {
        check(draft);
        refuseDuplicate(clean(draft), null);
        return require(bulletins.insert(clean(draft), CurrentUser.name(), clock.instant()));
    }

    /**
     * A submitted bulletin is being read by the leadership: only who wrote it (or an admin) may
     * change it under them. An approved one may be edited too, which withdraws the approval.
     */
    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    @Audited(value = "BULLETIN_UPDATED", target = "BULLETIN", snapshot = "require(#id)")
    public Bulletin update(long id, Bulletin.Draft draft) {
        mayChange(require(id));
        check(draft);
        refuseDuplicate(clean(draft), id);
        bulletins.updateContent(id, clean(draft), CurrentUser.name());
        return require(id);
    }

    /**
     * Only the audio, from the library: the district sent a corrected recording. Like any content
     * change it goes back to DRAFT; what already aired stays in the air log with the old audio.
     */
    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    @Audited(value = "BULLETIN_AUDIO_REPLACED", target = "BULLETIN", snapshot = "require(#id)")
    public Bulletin replaceAudio(long id, long assetId) {
        var b = require(id);
        mayChange(b);
        var draft = new Bulletin.Draft(assetId, b.title(), b.topicId(), b.author(), b.source(), b.validFrom(),
                b.validTo());
        check(draft);
        refuseDuplicate(draft, id);
        bulletins.updateContent(id, draft, CurrentUser.name());
        return require(id);
    }

    /** Takes a submission back from the leadership's inbox, to change it or to give it up. */
    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    @Audited(value = "BULLETIN_WITHDRAWN", target = "BULLETIN", snapshot = "require(#id)")
    public Bulletin withdraw(long id) {
        var b = require(id);
        move(id, Set.of(BulletinState.SUBMITTED));
        mayChange(b);
        bulletins.updateState(id, BulletinState.DRAFT);
        return require(id);
    }

    /** Whether the signed-in user may edit, replace the audio of or withdraw {@code b} (the page offers the buttons). */
    public boolean mayChangeNow(Bulletin b) {
        return b.state() != BulletinState.SUBMITTED || b.writtenBy(CurrentUser.name())
                || CurrentUser.roles().contains(Role.ADMIN);
    }

    /** The number of bulletins waiting in the leadership's inbox. */
    @Transactional(readOnly = true)
    public int countWaiting() {
        return bulletins.countInState(BulletinState.SUBMITTED);
    }

    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    @Audited(value = "BULLETIN_SUBMITTED", target = "BULLETIN", snapshot = "require(#id)")
    public Bulletin submit(long id) {
        move(id, Set.of(BulletinState.DRAFT, BulletinState.REJECTED));
        bulletins.updateState(id, BulletinState.SUBMITTED);
        return require(id);
    }

    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN', 'APPROVER')")
    @Audited(value = "BULLETIN_APPROVED", target = "BULLETIN", snapshot = "require(#id)")
    public Bulletin approve(long id, @Nullable String comment) {
        Limits.text(comment);
        var bulletin = require(id);
        if (isOwn(bulletin)) {
            throw new RefusedException("SELF_APPROVAL", "error.bulletin.selfApproval",
                    CurrentUser.name() + " wrote bulletin " + id + "; another person must approve it");
        }
        move(id, Set.of(BulletinState.DRAFT, BulletinState.SUBMITTED));
        bulletins.decide(id, BulletinState.APPROVED, CurrentUser.name(), clock.instant(), blankToNull(comment));
        return require(id);
    }

    /**
     * Approving it would be approving one's own work, and the station requires a second person (the
     * Approvals page asks before offering the button).
     */
    public boolean isOwn(Bulletin bulletin) {
        return bulletin.writtenBy(CurrentUser.name()) && approvalRule.approvalNotByAuthor();
    }

    /**
     * A bulletin created approved, for a schedule file being imported: the file is the commune's
     * decision to air what it lists, and importing it is an admin's act (the first start's load
     * runs as the user "seed"). The comment names the file; nobody else is asked.
     */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public Bulletin createApproved(Bulletin.Draft draft, String comment) {
        check(draft);
        long id = bulletins.insert(clean(draft), CurrentUser.name(), clock.instant());
        bulletins.decide(id, BulletinState.APPROVED, CurrentUser.name(), clock.instant(), blankToNull(comment));
        return require(id);
    }

    /**
     * The ids of audio that an approved, not deleted bulletin valid on {@code day} carries: what a
     * one-off may air without an admin.
     */
    @Transactional(readOnly = true)
    public Set<Long> approvedAssets(LocalDate day) {
        return bulletins.findAll().stream()
                .filter(b -> b.state() == BulletinState.APPROVED && !b.deleted() && b.validOn(day))
                .map(Bulletin::assetId).collect(Collectors.toSet());
    }

    /** Also withdraws an approval already given; the comment says why, for the operator. */
    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN', 'APPROVER')")
    @Audited(value = "BULLETIN_REJECTED", target = "BULLETIN", snapshot = "require(#id)")
    public Bulletin reject(long id, String comment) {
        Limits.text(comment);
        if (comment.isBlank()) {
            throw new InvalidInputException("COMMENT_REQUIRED", "error.bulletin.commentRequired", "A rejection needs a comment");
        }
        move(id, Set.of(BulletinState.DRAFT, BulletinState.SUBMITTED, BulletinState.APPROVED));
        bulletins.decide(id, BulletinState.REJECTED, CurrentUser.name(), clock.instant(), comment.strip());
        return require(id);
    }

    /** Hides the bulletin; its row stays so queue history and the air log keep their meaning. */
    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    @Audited(value = "BULLETIN_DELETED", target = "BULLETIN", snapshot = "require(#id)")
    public void delete(long id) {
        require(id);
        bulletins.markDeleted(id);
    }

    /** Approved, not deleted, {@code day} within its validity, and its audio file in the library. */
    @Transactional(readOnly = true)
    public boolean isPlayable(long id, LocalDate day) {
        var b = bulletins.findById(id).orElse(null);
        if (b == null || b.deleted() || b.state() != BulletinState.APPROVED || !b.validOn(day)) {
            return false;
        }
        return library.find(b.assetId()).filter(a -> !a.retired())
                .map(a -> Files.isRegularFile(library.fileOf(a))).orElse(false);
    }

    @Transactional(readOnly = true)
    public boolean isPlayableToday(long id) {
        return isPlayable(id, LocalDate.now(clock));
    }

    private void mayChange(Bulletin b) {
        if (!mayChangeNow(b)) {
            throw new RefusedException("NOT_AUTHOR", "error.bulletin.notAuthor",
                    CurrentUser.name() + " did not write submitted bulletin " + b.id(), b.createdBy());
        }
    }

    /**
     * The same audio under the same title or topic, not rejected: the same bulletin made twice (a
     * double click, two operators, a retry). Checked inside the write transaction, and write
     * transactions run one at a time (IMMEDIATE, behind the write gate), so two submissions at the
     * same moment cannot both pass. A rejected one does not count: it is what a new one replaces.
     */
    private void refuseDuplicate(Bulletin.Draft d, @Nullable Long self) {
        var title = normalised(d.title());
        bulletins.findLiveWithAsset(d.assetId()).stream()
                .filter(b -> self == null || b.id() != self)
                .filter(b -> b.state() != BulletinState.REJECTED)
                .filter(b -> normalised(b.title()).equals(title) || b.topicId() == d.topicId())
                .findFirst().ifPresent(b -> {
                    throw new InvalidInputException("DUPLICATE_BULLETIN", "error.bulletin.duplicate",
                            "Bulletin " + b.id() + " already carries asset " + d.assetId(), b.title(), b.id());
                });
    }

    private static String normalised(String title) {
        return java.text.Normalizer.normalize(title.strip().replaceAll("\\s+", " "), java.text.Normalizer.Form.NFC)
                .toLowerCase(java.util.Locale.ROOT);
    }

    private void move(long id, Set<BulletinState> from) {
        var state = require(id).state();
        if (!from.contains(state)) {
            throw new InvalidInputException("BAD_STATE", "error.bulletin.badState",
                    "Bulletin " + id + " is " + state, state.name());
        }
    }

    private void check(Bulletin.Draft d) {
        Limits.title(d.title());
        Limits.title(d.author());
        Limits.title(d.source());
        if (d.title().isBlank()) {
            throw new InvalidInputException("BLANK_TITLE", "error.bulletin.blankTitle", "A bulletin needs a title");
        }
        if (d.validTo() != null && d.validTo().isBefore(d.validFrom())) {
            throw new InvalidInputException("BAD_VALIDITY", "error.schedule.badDates", "validTo before validFrom");
        }
        if (library.find(d.assetId()).filter(a -> !a.retired()).isEmpty()) {
            throw new InvalidInputException("UNKNOWN_ASSET", "error.schedule.unknownAsset", "No asset " + d.assetId(),
                    d.assetId());
        }
        if (topics.require(d.topicId()).retired()) {
            throw new InvalidInputException("UNKNOWN_TOPIC", "error.bulletin.unknownTopic", "Retired topic", d.topicId());
        }
    }

    private static Bulletin.Draft clean(Bulletin.Draft d) {
        return new Bulletin.Draft(d.assetId(), d.title().strip(), d.topicId(), d.author().strip(), d.source().strip(),
                d.validFrom(), d.validTo());
    }

    private static @Nullable String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
