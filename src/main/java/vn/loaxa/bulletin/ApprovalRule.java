package vn.loaxa.bulletin;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import vn.loaxa.audit.Audited;
import vn.loaxa.base.SettingStore;
import vn.loaxa.security.CurrentUser;

/**
 * Whether a bulletin must be approved by someone other than who wrote it: on unless an admin turns
 * it off on the Settings page, for a station with a single person doing both.
 */
@Service
public class ApprovalRule {

    /** "true" (the default) or "false". */
    public static final String APPROVAL_NOT_BY_AUTHOR = "approval.not-by-author";

    private final SettingStore store;

    ApprovalRule(SettingStore store) {
        this.store = store;
    }

    /** Whether a bulletin's author is refused its approval; read now, so a change applies to the next approval. */
    @Transactional(readOnly = true)
    public boolean approvalNotByAuthor() {
        return store.read(APPROVAL_NOT_BY_AUTHOR).map(v -> !v.equalsIgnoreCase("false")).orElse(true);
    }

    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    @Audited(value = "PERMISSIONS_CHANGED", target = "SETTING", id = "'permissions'",
            snapshot = "{'approvalNotByAuthor': approvalNotByAuthor()}")
    public void setApprovalNotByAuthor(boolean required) {
        store.write(APPROVAL_NOT_BY_AUTHOR, Boolean.toString(required), CurrentUser.name());
    }
}
