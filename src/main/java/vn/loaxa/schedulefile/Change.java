package vn.loaxa.schedulefile;

import java.util.List;

/**
 * One difference between the station and a schedule file: what an import would do (preview) or did.
 *
 * @param fields for CHANGED, the file's field names whose values differ
 */
public record Change(Section section, Action action, String name, List<String> fields) {

    public enum Section { STATION, VILLAGE, PROGRAMME, QUEUE, CAMPAIGN, BULLETIN }

    public enum Action { ADDED, CHANGED, REMOVED }

    public Change {
        fields = List.copyOf(fields);
    }
}
