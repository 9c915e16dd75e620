package dev.hookline.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
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
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Java block of the README compiles, as a reader would use it: a block with its own imports is a whole
 * source file; any other block compiles with the imports a reader adds for Hookline, the JDK and the frameworks
 * the section is about, either as statements (with the names the surrounding prose gives, such as {@code delivery}
 * or {@code secret}, in scope) or as members of a class. A renamed method breaks the build, not the reader.
 */
class ReadmeSnippetsTest {

    private static final String IMPORTS = String.join("\n",
            "import dev.hookline.*;",
            "import dev.hookline.dedupe.*;",
            "import dev.hookline.delivery.*;",
            "import dev.hookline.event.*;",
            "import dev.hookline.routing.*;",
            "import dev.hookline.signature.*;",
            "import dev.hookline.exa.*;",
            "import dev.hookline.encrata.*;",
            "import dev.hookline.stripe.*;",
            "import dev.hookline.servlet.*;",
            "import dev.hookline.spring.*;",
            "import dev.hookline.jdbc.*;",
            "import dev.hookline.providers.*;",
            "import dev.hookline.test.*;",
            "import dev.hookline.test.spring.*;",
            "import static org.assertj.core.api.Assertions.assertThat;",
            "import static dev.hookline.test.WebhookAssertions.*;",
            "import java.net.URI;",
            "import java.sql.PreparedStatement;",
            "import org.springframework.test.web.servlet.MockMvc;",
            "import org.springframework.test.web.servlet.client.RestTestClient;",
            "import org.springframework.http.client.JdkClientHttpRequestFactory;",
            "import java.time.*;",
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "import tools.jackson.databind.JsonNode;",
            "import jakarta.servlet.*;",
            "import jakarta.servlet.annotation.WebListener;",
            "import org.eclipse.jetty.server.Server;",
            "import org.eclipse.jetty.ee11.servlet.ServletContextHandler;",
            "import org.eclipse.jetty.ee11.servlet.ServletHolder;",
            "import org.springframework.beans.factory.annotation.Value;",
            "import org.springframework.context.annotation.Bean;",
            "import org.springframework.stereotype.Component;",
            "import com.zaxxer.hikari.HikariConfig;",
            "import com.zaxxer.hikari.HikariDataSource;");

    /**
     * The names the README's prose gives to what a snippet works with: the application's own parts (a vault for
     * secrets, a place to keep the backfill's position) are the smallest interfaces the snippets need.
     */
    private static final String GIVENS = String.join("\n",
            "    interface Vault { void store(String name, String secret); }",
            "    interface Positions { void save(String position); String load(); }",
            "    Vault vault;",
            "    Positions positions;",
            "    String id;",
            "    int port;",
            "    MockMvc mockMvc;",
            "    Headers headers;",
            "    byte[] body;",
            "    String secret;",
            "    String currentSecret;",
            "    String previousSecret;",
            "    Delivery delivery;",
            "    Instant receivedAt;",
            "    BlockingQueue<byte[]> queue;",
            "    int attempt;",
            "    WebhookEndpoint endpoint;",
            "    WebhookEndpoint exa;",
            "    JdbcDeduplicator deduplicator;",
            "    JdbcInbox inbox;",
            "    javax.sql.DataSource dataSource;");

    static List<Snippet> snippets(String readme) {
        List<Snippet> snippets = new ArrayList<>();
        Matcher block = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL).matcher(readme);
        while (block.find()) {
            int line = readme.substring(0, block.start()).split("\n", -1).length + 1;
            snippets.add(new Snippet(line, block.group(1)));
        }
        return snippets;
    }

    record Snippet(int line, String code) {
        boolean isWholeFile() {
            return Pattern.compile("^import ", Pattern.MULTILINE).matcher(code).find();
        }
    }

    @TestFactory
    List<DynamicTest> everyJavaBlockCompiles(@TempDir Path classes) throws IOException {
        String readme = Files.readString(Path.of(System.getProperty("hookline.readme", "../README.md")));
        List<Snippet> snippets = snippets(readme);
        assertThat(snippets).as("Java blocks in the README").hasSizeGreaterThan(5);
        List<DynamicTest> tests = new ArrayList<>();
        for (Snippet snippet : snippets) {
            tests.add(DynamicTest.dynamicTest("README line " + snippet.line(), () -> assertCompiles(snippet, classes)));
        }
        return tests;
    }

    private static void assertCompiles(Snippet snippet, Path classes) throws IOException {
        String name = "Snippet" + snippet.line();
        if (snippet.isWholeFile()) {
            String className = mainClass(snippet.code());
            assertThat(compile(className, snippet.code(), classes)).as("README line %d", snippet.line()).isEmpty();
            return;
        }
        String statements = IMPORTS + "\n\nclass " + name + " {\n" + GIVENS + "\n\n    void run() throws Exception {\n"
                + snippet.code() + "\n    }\n}\n";
        List<String> asStatements = compile(name, statements, classes);
        if (asStatements.isEmpty()) {
            return;
        }
        String members = IMPORTS + "\n\nclass " + name + " {\n" + GIVENS + "\n\n" + snippet.code() + "\n}\n";
        if (compile(name, members, classes).isEmpty()) {
            return;
        }
        String file = IMPORTS + "\n\n" + snippet.code();
        if (compile(mainClass(snippet.code()), file, classes).isEmpty()) {
            return;
        }
        assertThat(asStatements).as("README line %d, compiled as statements:\n%s", snippet.line(), statements).isEmpty();
    }

    /** The public top-level class a file must be named after, or a made-up name when there is none. */
    private static String mainClass(String code) {
        Matcher publicClass = Pattern.compile("^public (?:final )?(?:class|record|interface|enum) (\\w+)", Pattern.MULTILINE)
                .matcher(code);
        return publicClass.find() ? publicClass.group(1) : "ReadmeFile";
    }

    /** The compiler's errors and warnings, empty when the source compiles cleanly. */
    private static List<String> compile(String className, String source, Path classes) throws IOException {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///" + className + ".java"),
                    JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return source;
                }
            };
            compiler.getTask(null, files, diagnostics, List.of("-classpath", classpath, "-d", classes.toString(),
                    "-proc:none"), null, List.of(file)).call();
            return diagnostics.getDiagnostics().stream()
                    .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                    .map(d -> "line " + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT))
                    .toList();
        }
    }
}
