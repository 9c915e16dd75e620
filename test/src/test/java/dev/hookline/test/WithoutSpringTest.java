package dev.hookline.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * Spring's test libraries are optional dependencies: an application without them uses the kit all the same, since
 * nothing outside {@code dev.hookline.test.spring} touches them.
 */
class WithoutSpringTest {

    /** The test class path reduced to class folders (the kit's, its tests', core's) and Jackson's jars. */
    private static URL[] kitCoreAndJackson() {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.stream(classpath.split(File.pathSeparator))
                .map(Path::of)
                .filter(entry -> Files.isDirectory(entry) || entry.getFileName().toString().startsWith("jackson-")
                        || entry.getFileName().toString().startsWith("hookline-core"))
                .map(entry -> {
                    try {
                        return entry.toUri().toURL();
                    } catch (java.net.MalformedURLException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toArray(URL[]::new);
    }

    @Test
    void theKitWorksWithNothingButCoreAndJackson() throws Exception {
        try (URLClassLoader loader = new URLClassLoader(kitCoreAndJackson(), ClassLoader.getPlatformClassLoader())) {
            assertThatThrownBy(() -> Class.forName("org.springframework.test.web.servlet.MockMvc", false, loader))
                    .isInstanceOf(ClassNotFoundException.class);
            assertThatThrownBy(() -> Class.forName("org.assertj.core.api.Assertions", false, loader))
                    .isInstanceOf(ClassNotFoundException.class);

            @SuppressWarnings("unchecked")
            Callable<String> scenario = (Callable<String>) Class.forName(WithoutSpringScenario.class.getName(), true,
                    loader).getConstructor().newInstance();

            assertThat(scenario.call()).isEqualTo("[webset.item.created] 401 reason=timestamp_outside_tolerance");
        }
    }
}
