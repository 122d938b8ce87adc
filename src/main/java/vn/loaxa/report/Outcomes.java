package vn.loaxa.report;

import vn.loaxa.base.Texts;

/** Vietnamese names of outcomes in documents, the same words the air log's CSV uses. */
final class Outcomes {

    private Outcomes() {
    }

    static String label(String outcome) {
        return outcome.isEmpty() ? "" : Texts.get(Texts.VIETNAMESE, "airlog.outcome." + outcome);
    }
}
