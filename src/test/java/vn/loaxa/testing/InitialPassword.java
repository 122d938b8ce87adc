package vn.loaxa.testing;

import java.net.http.HttpResponse;

/**
 * The first admin's password must be changed before the API serves it (decision 0014). Tests that
 * start a station with LOAXA_ADMIN_PASSWORD and use that password throughout change it through the
 * API, to a step in between and back, as a script would.
 */
public final class InitialPassword {

    private InitialPassword() {
    }

    /** When this answer is the forced change, changes the password away and back; true when it did. */
    public static boolean keep(Api api, HttpResponse<String> answer, String user, String password) throws Exception {
        if (answer.statusCode() != 403 || !answer.body().contains("\"PASSWORD_CHANGE_REQUIRED\"")) {
            return false;
        }
        var interim = password + "-interim";
        for (var change : new String[][] {{password, interim}, {interim, password}}) {
            var response = api.postJson("/api/account/password", user, change[0],
                    "{\"currentPassword\": \"" + change[0] + "\", \"newPassword\": \"" + change[1] + "\"}", null);
            if (response.statusCode() != 204) {
                throw new IllegalStateException("password change refused: " + response.statusCode() + " " + response.body());
            }
        }
        return true;
    }
}
