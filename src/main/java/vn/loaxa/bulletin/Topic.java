package vn.loaxa.bulletin;

/** A CCHC topic: a short stable code (for reports and filters) and its Vietnamese name. */
public record Topic(long id, String code, String name, int position, boolean retired) {
}
