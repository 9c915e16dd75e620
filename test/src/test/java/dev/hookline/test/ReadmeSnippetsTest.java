package dev.hookline.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The Java of the README's "Testing your handlers" section compiles against the kit, core, AssertJ and Spring's test
 * libraries, each block as a method of its own with the imports a reader would add and, as a Spring test has them,
 * a server's {@code port} and a {@code mockMvc}; the blocks that use neither are run.
 */
class ReadmeSnippetsTest {

    private static final String SECTION = "Testing your handlers";

    private static final String IMPORTS = String.join("\n",
            "import static dev.hookline.test.WebhookAssertions.*;",
            "import static org.assertj.core.api.Assertions.assertThat;",
            "import dev.hookline.Providers;",
            "import dev.hookline.WebhookEndpoint;",
            "import dev.hookline.encrata.EncrataEvents;",
            "import dev.hookline.encrata.LookupCompleted;",
            "import dev.hookline.exa.ExaEvents;",
            "import dev.hookline.signature.SignatureFailure;",
            "import dev.hookline.test.SamplePayloads;",
            "import dev.hookline.test.SignedDelivery;",
            "import dev.hookline.test.WebhookResponse;",
            "import dev.hookline.test.spring.MockMvcDeliveries;",
            "import dev.hookline.test.spring.RestTestClientDeliveries;",
            "import java.net.URI;",
            "import java.util.ArrayList;",
            "import java.util.List;",
            "import java.util.Map;",
            "import org.springframework.http.client.JdkClientHttpRequestFactory;",
            "import org.springframework.test.web.servlet.MockMvc;",
            "import org.springframework.test.web.servlet.client.RestTestClient;",
            "import tools.jackson.databind.JsonNode;");

    static List<String> javaSnippets(String readme, String section) {
        int start = readme.indexOf("\n## " + section + "\n");
        assertThat(start).as("the README's " + section + " section").isNotNegative();
        int end = readme.indexOf("\n## ", start + 1);
        String text = readme.substring(start, end < 0 ? readme.length() : end);
        List<String> snippets = new ArrayList<>();
        Matcher block = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL).matcher(text);
        while (block.find()) {
            snippets.add(block.group(1));
        }
        return snippets;
    }

    private static boolean needsAServer(String snippet) {
        return Pattern.compile("\\b(port|mockMvc)\\b").matcher(snippet).find();
    }

    @Test
    void theTestingSectionCompilesAndItsSelfContainedBlocksPass(@TempDir Path classes) throws Exception {
        String readme = Files.readString(Path.of(System.getProperty("hookline.readme", "../README.md")));
        List<String> snippets = javaSnippets(readme, SECTION);
        assertThat(snippets).hasSize(5);
        StringBuilder source = new StringBuilder(IMPORTS).append("\n\npublic class ReadmeSnippets {\n");
        for (int i = 0; i < snippets.size(); i++) {
            source.append("    public void snippet").append(i)
                    .append("(int port, MockMvc mockMvc) throws Exception {\n").append(snippets.get(i)).append("    }\n");
        }
        source.append("}\n");

        compile(source.toString(), classes);

        int run = 0;
        try (URLClassLoader loader = new URLClassLoader(new java.net.URL[] {classes.toUri().toURL()},
                getClass().getClassLoader())) {
            Class<?> type = loader.loadClass("ReadmeSnippets");
            Object instance = type.getConstructor().newInstance();
            for (int i = 0; i < snippets.size(); i++) {
                if (!needsAServer(snippets.get(i))) {
                    Method snippet = type.getMethod("snippet" + i, int.class, MockMvc.class);
                    snippet.invoke(instance, 0, null);
                    run++;
                }
            }
        }
        assertThat(run).as("blocks run").isEqualTo(3);
    }

    private static void compile(String source, Path classes) throws IOException {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///ReadmeSnippets.java"),
                    JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return source;
                }
            };
            boolean compiled = compiler.getTask(null, files, diagnostics,
                    List.of("-classpath", classpath, "-d", classes.toString(), "-proc:none", "-Xlint:all"), null,
                    List.of(file)).call();

            List<String> problems = diagnostics.getDiagnostics().stream()
                    .filter(d -> d.getKind() == Diagnostic.Kind.ERROR || d.getKind() == Diagnostic.Kind.WARNING
                            || d.getKind() == Diagnostic.Kind.MANDATORY_WARNING)
                    .map(d -> "line " + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT))
                    .toList();
            assertThat(problems).as("compiling\n%s", source).isEmpty();
            assertThat(compiled).isTrue();
        }
    }
}
