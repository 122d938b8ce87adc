package vn.loaxa.zone;

/** Builds the driver a configuration names; a seam so tests can hand the switchboard their own. */
@FunctionalInterface
public interface ZoneDrivers {

    /** The driver for {@code config.driver()}; NONE and DTMF (in the audio itself) switch nothing here. */
    ZoneDriver create(SwitchingConfig config);
}
