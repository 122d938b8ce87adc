package vn.loaxa.audit;

import java.time.Clock;

import vn.loaxa.testing.ScratchDatabase;

/** An audit trail over a scratch database, without Spring (no advisor, no role checks). */
public final class ScratchAudit {

    private ScratchAudit() {
    }

    public static AuditTrail open(ScratchDatabase db, Clock clock) {
        return new AuditTrail(new AuditRepository(db.jdbc()), db.transactions(), clock);
    }
}
