package vn.loaxa.schedulefile;

/** The commune and the station's name, as the schedule file gives them. */
public record StationProfile(String commune, String stationName) {
}
