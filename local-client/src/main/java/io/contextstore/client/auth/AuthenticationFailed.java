package io.contextstore.client.auth;

/** The server refused the license key (or the refreshed token), or there is no login at all. */
public class AuthenticationFailed extends RuntimeException {

    public AuthenticationFailed(String message) {
        super(message);
    }
}
