package io.contextstore.platform.web;

import io.contextstore.platform.auth.AccessToken;
import io.contextstore.platform.auth.InvalidTokenException;
import io.contextstore.platform.auth.KeysUnavailableException;
import io.contextstore.platform.auth.TokenVerifier;
import io.contextstore.platform.observability.LogContext;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Gives controllers the verified {@link AccessToken} of the request's {@code Authorization: Bearer} header. */
final class AccessTokenArguments implements HandlerMethodArgumentResolver {

    private static final String BEARER = "Bearer ";

    private final TokenVerifier verifier;

    AccessTokenArguments(TokenVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType().equals(AccessToken.class);
    }

    @Override
    public AccessToken resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
                                       NativeWebRequest request, WebDataBinderFactory binderFactory) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new InvalidTokenException("an Authorization: Bearer token is required");
        }
        AccessToken token;
        try {
            token = verifier.verify(header.substring(BEARER.length()).trim());
        } catch (KeysUnavailableException e) {
            throw new ServiceUnavailableException(e.getMessage(), e.retryAfter(), e);
        }
        LogContext.tenant(token.tenantId());
        return token;
    }
}
