package vn.loaxa.zone;

import org.jspecify.annotations.Nullable;

/**
 * One village as the drivers address it. Only the field of the station's driver matters; the others
 * are kept so that changing driver does not lose a technician's wiring table.
 *
 * @param code     a short ASCII name for the command hook and the logs, e.g. {@code thon-1}
 * @param relay    the relay (Modbus coil) number on the board, 1-based as printed on the board
 * @param dtmfOn   the DTMF digits that switch this village's receivers on, e.g. {@code *31#}
 * @param dtmfOff  the digits that switch them off, e.g. {@code #31*}
 * @param mqttTopic the cluster's base topic, e.g. {@code gioson/thon1}
 */
public record ZoneAddress(long villageId, String villageName, String code, @Nullable Integer relay,
                          @Nullable String dtmfOn, @Nullable String dtmfOff, @Nullable String mqttTopic) {
}
