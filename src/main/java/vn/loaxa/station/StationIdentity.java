package vn.loaxa.station;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who the station is, for documents it produces (report headers, signature block). Gio Sơn by
 * default, as in the commune plan 32/KH-UBND; another commune sets its own names.
 *
 * @param commune     commune name without "xã"
 * @param name        the station's name
 * @param district    district (huyện) the report goes up to
 * @param province    province
 * @param officer     the culture and information officer who prepares reports
 * @param signer      who signs reports for the People's Committee
 * @param signerTitle the signer's title under "KT. CHỦ TỊCH" (blank when the chairman signs)
 */
@ConfigurationProperties("loaxa.station")
public record StationIdentity(
        @DefaultValue("Gio Sơn") String commune,
        @DefaultValue("Đài truyền thanh xã Gio Sơn") String name,
        @DefaultValue("Gio Linh") String district,
        @DefaultValue("Quảng Trị") String province,
        @DefaultValue("") String officer,
        @DefaultValue("Đỗ An Chung") String signer,
        @DefaultValue("PHÓ CHỦ TỊCH") String signerTitle) {
}
