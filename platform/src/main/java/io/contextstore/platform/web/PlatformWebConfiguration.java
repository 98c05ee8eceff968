package io.contextstore.platform.web;

import io.contextstore.platform.auth.TokenVerifier;
import java.util.List;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import tools.jackson.databind.PropertyNamingStrategies;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Problem+json errors and bearer-token arguments for the services' controllers. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class PlatformWebConfiguration {

    @Bean
    ProblemHandler problemHandler() {
        return new ProblemHandler();
    }

    /** The APIs speak snake_case, as the original clients do. */
    @Bean
    JsonMapperBuilderCustomizer snakeCaseJson() {
        return builder -> builder.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    }

    @Bean
    WebMvcConfigurer accessTokenArguments(ObjectProvider<TokenVerifier> verifier) {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                verifier.ifAvailable(v -> resolvers.add(new AccessTokenArguments(v)));
            }
        };
    }
}
