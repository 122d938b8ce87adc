package vn.loaxa.schedule;

/** The three levels of Thông tư 39/2020/TT-BTTTT, lowest first (so {@code compareTo} ranks them). */
public enum Priority {
    /** thông thường: plays in its slot. */
    NORMAL,
    /** ưu tiên: goes ahead of normal broadcasts. */
    PRIORITY,
    /** khẩn cấp: plays at once, interrupting whatever is on air. */
    EMERGENCY
}
