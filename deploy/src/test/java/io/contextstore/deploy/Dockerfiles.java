package io.contextstore.deploy;

import io.contextstore.stack.cluster.Deployable;
import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A service's Dockerfile read as the few instructions it uses, and the executable jar it packages. */
record Dockerfiles(String jarGlob, List<String> extractCommand, List<String> layers, List<String> entrypoint) {

    private static final Pattern ARG_JAR = Pattern.compile("(?m)^ARG JAR_FILE=(\\S+)$");
    private static final Pattern RUN = Pattern.compile("(?m)^RUN (java -Djarmode=tools .+)$");
    private static final Pattern COPY_LAYER = Pattern.compile("(?m)^COPY --from=builder /builder/extracted/([^/]+)/ \\./$");
    private static final Pattern ENTRYPOINT = Pattern.compile("(?m)^ENTRYPOINT \\[(.+)]$");

    static Dockerfiles of(Deployable service) {
        String text = Repository.read(service.composeService() + "/Dockerfile");
        List<String> layers = new ArrayList<>();
        Matcher copy = COPY_LAYER.matcher(text);
        while (copy.find()) {
            layers.add(copy.group(1));
        }
        return new Dockerfiles(find(ARG_JAR, text), List.of(find(RUN, text).split(" ")), layers,
                Arrays.stream(find(ENTRYPOINT, text).split(","))
                        .map(token -> token.trim().replaceAll("^\"|\"$", "")).toList());
    }

    /** The executable jar of a service the build produced, from this test's class path (the reactor's or the local repository's). */
    static File executableJar(Deployable service) {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator)).map(File::new)
                .filter(file -> file.getName().startsWith(service.composeService() + "-") && file.getName().endsWith("-exec.jar"))
                .findFirst().orElseThrow(() -> new IllegalStateException("no " + service.composeService() + " -exec.jar on the class path"));
    }

    private static String find(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        if (!matcher.find()) {
            throw new AssertionError("the Dockerfile lacks " + pattern);
        }
        return matcher.group(1);
    }
}
