package io.contextstore.deploy;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** HTTP endpoints as the API document names them, and as the services' controllers map them. */
final class Endpoints {

    record Endpoint(String method, String path) {
    }

    private static final Pattern DOCUMENTED = Pattern.compile("`(?:(GET|POST|PUT|PATCH|DELETE) )?((?:…|/)[^`?\\s]*)[^`]*`");
    private static final Pattern HEADING_METHOD = Pattern.compile("^#+ .*`(GET|POST|PUT|PATCH|DELETE) ");

    private Endpoints() {
    }

    /**
     * Every endpoint docs/api.md names: {@code `METHOD /path`}, and the {@code `…/kind/`} shorthands
     * that follow one (they share its method and {@code /api/v1/context} base).
     */
    static Set<Endpoint> documented(String markdown) {
        Set<Endpoint> endpoints = new LinkedHashSet<>();
        String method = null;
        for (String line : markdown.split("\n")) {
            if (line.startsWith("#")) {
                Matcher heading = HEADING_METHOD.matcher(line);
                method = heading.find() ? heading.group(1) : null;
            }
            Matcher matcher = DOCUMENTED.matcher(line);
            while (matcher.find()) {
                if (matcher.group(1) != null) {
                    method = matcher.group(1);
                }
                String path = matcher.group(2).replace("…", "/api/v1/context");
                if (method != null && path.startsWith("/") && path.length() > 1) {
                    endpoints.add(new Endpoint(method, path));
                }
            }
        }
        return endpoints;
    }

    /** What the {@code @RestController}s below a package map, with every alternative path. */
    static Set<Endpoint> mapped(String basePackage) {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(RestController.class));
        Set<Endpoint> endpoints = new LinkedHashSet<>();
        scanner.findCandidateComponents(basePackage).forEach(definition -> {
            Class<?> controller = ClassUtils.resolveClassName(definition.getBeanClassName(), Endpoints.class.getClassLoader());
            for (Method handler : controller.getDeclaredMethods()) {
                RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(handler, RequestMapping.class);
                if (mapping == null) {
                    continue;
                }
                List<String> paths = new ArrayList<>(List.of(mapping.path()));
                for (var method : mapping.method()) {
                    paths.forEach(path -> endpoints.add(new Endpoint(method.name(), path)));
                }
            }
        });
        return endpoints;
    }
}
