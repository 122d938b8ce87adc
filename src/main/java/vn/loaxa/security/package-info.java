/**
 * Who may do what: user accounts with roles, stored in SQLite with bcrypt hashes, the login page,
 * and the first-start admin account.
 */
@NullMarked
package vn.loaxa.security;

import org.jspecify.annotations.NullMarked;
