package vn.loaxa.security;

import java.util.Set;

import org.springframework.security.authentication.AbstractAuthenticationToken;

/**
 * A request authenticated by an API token: the owner's name and roles (so "created by" columns and
 * role checks see the owner, as with a password), plus which token it was and its scopes.
 */
public final class TokenAuthentication extends AbstractAuthenticationToken {

    private final String username;
    private final long tokenId;
    private final String tokenName;
    private final Set<ApiScope> scopes;

    TokenAuthentication(String username, Set<Role> roles, long tokenId, String tokenName, Set<ApiScope> scopes) {
        super(roles.stream().map(r -> new org.springframework.security.core.authority.SimpleGrantedAuthority(
                r.authority())).toList());
        this.username = username;
        this.tokenId = tokenId;
        this.tokenName = tokenName;
        this.scopes = Set.copyOf(scopes);
        setAuthenticated(true);
    }

    /** Never the secret: it is not kept anywhere after the lookup. */
    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Object getPrincipal() {
        return username;
    }

    @Override
    public String getName() {
        return username;
    }

    public long tokenId() {
        return tokenId;
    }

    public String tokenName() {
        return tokenName;
    }

    public Set<ApiScope> scopes() {
        return scopes;
    }

    public boolean allows(ApiScopes.Need need) {
        return !need.passwordOnly() && scopes.contains(need.scope());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TokenAuthentication other && super.equals(other) && tokenId == other.tokenId;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(tokenId) * 31 + super.hashCode();
    }
}
