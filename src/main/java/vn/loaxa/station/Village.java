package vn.loaxa.station;

/** A village loudspeaker cluster (cụm loa thôn): the unit a broadcast is targeted at. */
public record Village(long id, String name, int position, boolean enabled) {
}
