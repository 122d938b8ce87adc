/** The Backups page (Sao lưu): the list, "Back up now", "Restore…". */
@NullMarked
package vn.loaxa.backup.ui;

import org.jspecify.annotations.NullMarked;
