package io.contextstore.deploy;

import io.contextstore.platform.PlatformAutoConfiguration;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The settings the code reads, from the code itself: every {@code @ConfigurationProperties} record
 * of this project (walked component by component, nested records included, with the defaults a real
 * bind produces), and every property Spring Boot documents in its configuration metadata.
 */
final class Settings {

    private Settings() {
    }

    /** The project's settings records under a package, e.g. {@code io.contextstore}. */
    static List<Class<?>> records(String basePackage) {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        return scanner.findCandidateComponents(basePackage).stream()
                .map(definition -> ClassUtils.resolveClassName(definition.getBeanClassName(), Settings.class.getClassLoader()))
                .<Class<?>>map(type -> type)
                .sorted(Comparator.comparing(Class::getName))
                .toList();
    }

    /** What one deployable reads: the platform's records and its own package's. */
    static List<Setting> ofApplication(Class<?> application) {
        List<Setting> settings = new ArrayList<>();
        for (Class<?> record : records(PlatformAutoConfiguration.class.getPackageName())) {
            settings.addAll(of(record));
        }
        for (Class<?> record : records(application.getPackageName())) {
            settings.addAll(of(record));
        }
        return settings;
    }

    static String prefix(Class<?> record) {
        ConfigurationProperties annotation = record.getAnnotation(ConfigurationProperties.class);
        return annotation.prefix().isEmpty() ? annotation.value() : annotation.prefix();
    }

    static List<Setting> of(Class<?> record) {
        return walk(prefix(record), record);
    }

    private static List<Setting> walk(String prefix, Class<?> type) {
        if (!type.isRecord()) {
            throw new IllegalStateException(type + ": settings are records in this project");
        }
        Object defaults = new Binder(new MapConfigurationPropertySource()).bindOrCreate(prefix, type);
        RecordComponent[] components = type.getRecordComponents();
        Parameter[] parameters = canonicalConstructor(type, components).getParameters();
        List<Setting> settings = new ArrayList<>();
        for (int i = 0; i < components.length; i++) {
            RecordComponent component = components[i];
            String name = prefix + "." + dashed(component.getName());
            if (component.getType().isRecord()) {
                settings.addAll(walk(name, component.getType()));
            } else {
                settings.add(new Setting(name, component.getType().getSimpleName(),
                        defaultOf(component, parameters[i].getAnnotation(DefaultValue.class), defaults)));
            }
        }
        return settings;
    }

    private static Constructor<?> canonicalConstructor(Class<?> type, RecordComponent[] components) {
        try {
            return type.getDeclaredConstructor(Arrays.stream(components).map(RecordComponent::getType)
                    .toArray(Class<?>[]::new));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    /** As written in {@code @DefaultValue}; otherwise what the record's constructor made of nothing. */
    private static String defaultOf(RecordComponent component, DefaultValue declared, Object defaults) {
        if (declared != null && declared.value().length > 0) {
            return String.join(",", declared.value());
        }
        try {
            Object value = component.getAccessor().invoke(defaults);
            if (value instanceof Duration duration) {
                return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
            }
            return value == null ? "" : value.toString();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String dashed(String camelCase) {
        return camelCase.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    /** Every property Spring Boot's modules on the class path document (their configuration metadata). */
    static SpringProperties spring() {
        Set<String> names = new HashSet<>();
        Set<String> mapPrefixes = new HashSet<>();
        JsonMapper json = JsonMapper.builder().build();
        try {
            for (String resource : List.of("META-INF/spring-configuration-metadata.json",
                    "META-INF/additional-spring-configuration-metadata.json")) {
                for (URL url : Collections.list(Settings.class.getClassLoader().getResources(resource))) {
                    try (InputStream in = url.openStream()) {
                        JsonNode properties = json.readTree(in).path("properties");
                        for (JsonNode property : properties) {
                            String name = property.path("name").asString();
                            if (!ConfigurationPropertyName.isValid(name)) {
                                continue;
                            }
                            names.add(name);
                            if (property.path("type").asString("").startsWith("java.util.Map<")) {
                                mapPrefixes.add(name);
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new SpringProperties(names, mapPrefixes);
    }

    /** Spring Boot's documented properties; map-typed ones take any key below them. */
    record SpringProperties(Set<String> names, Set<String> mapPrefixes) {

        boolean documents(String property) {
            return names.contains(property) || mapPrefixes.stream().anyMatch(prefix -> property.startsWith(prefix + "."));
        }
    }

    /**
     * The property an environment variable sets, found the way Spring binds it (its system
     * environment property source), among the given names and map prefixes.
     */
    static Optional<String> propertyOf(String variable, Collection<String> names, Collection<String> mapPrefixes) {
        ConfigurationPropertySource source = ConfigurationPropertySource.from(
                new SystemEnvironmentPropertySource(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(variable, "x")));
        for (String name : names) {
            if (ConfigurationPropertyName.isValid(name)
                    && source.getConfigurationProperty(ConfigurationPropertyName.of(name)) != null) {
                return Optional.of(name);
            }
        }
        for (String prefix : mapPrefixes) {
            if (source.containsDescendantOf(ConfigurationPropertyName.of(prefix)) == ConfigurationPropertyState.PRESENT) {
                return Optional.of(prefix + ".*");
            }
        }
        return Optional.empty();
    }
}
