package vn.loaxa.zone;

/** How the station reaches its villages' loudspeakers; one driver per station. */
public enum DriverKind {
    /** Nothing is switched: every loudspeaker the transmitter reaches carries every broadcast (log only). */
    NONE,
    /** A USB/RS-485 relay board speaking Modbus RTU: one coil per village, read back after each write. */
    MODBUS,
    /** A serial relay board taking the common 4-byte command {@code A0 <relay> <state> <checksum>}. */
    RELAY_A0,
    /** DTMF control tones mixed into the programme audio, decoded by the FM village receivers. */
    DTMF,
    /** IP loudspeaker clusters, each subscribed to its MQTT topic. */
    MQTT,
    /** An operator-supplied program run with {@code on}/{@code off} and the village codes. */
    COMMAND
}
