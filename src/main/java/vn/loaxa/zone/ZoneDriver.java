package vn.loaxa.zone;

import java.util.List;
import java.util.Optional;

/**
 * Switches village loudspeakers. Called from the switchboard's own threads, never the audio thread,
 * one call at a time per driver; a slow or absent device costs time there, never a sample.
 */
public interface ZoneDriver extends AutoCloseable {

    DriverKind kind();

    /**
     * Switches these zones on or off and returns one result per zone, in the order given. Blocks at
     * most about the driver's timeout; a zone that cannot be switched is a FAILED result with the
     * reason, never an exception.
     */
    List<SwitchResult> switchZones(List<ZoneAddress> zones, boolean on);

    /** The zones' state read from the devices, when the driver can poll them; empty when it cannot. */
    default Optional<List<ZoneStatus>> poll(List<ZoneAddress> zones) {
        return Optional.empty();
    }

    /** Releases the port or connection; the driver is not used again. */
    @Override
    void close();
}
