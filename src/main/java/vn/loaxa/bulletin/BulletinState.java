package vn.loaxa.bulletin;

/** Approval state. Only APPROVED bulletins air. */
public enum BulletinState {
    DRAFT, SUBMITTED, APPROVED, REJECTED
}
