/**
 * The station watches itself while nobody looks: free disk, stored audio that changed on disk,
 * the clock's synchronisation, each an alert that starts and clears by itself (decision 0024).
 */
@NullMarked
package vn.loaxa.watch;

import org.jspecify.annotations.NullMarked;
