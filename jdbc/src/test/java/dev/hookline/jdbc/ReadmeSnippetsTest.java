package dev.hookline.jdbc;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java snippets of the README's PostgreSQL section compile against this module, core and the test libraries:
 * put together in order, as one method body, with the imports a reader would add.
 */
class ReadmeSnippetsTest {

    private static final String IMPORTS = String.join("\n",
            "import com.zaxxer.hikari.HikariConfig;",
            "import com.zaxxer.hikari.HikariDataSource;",
            "import dev.hookline.Providers;",
            "import dev.hookline.WebhookEndpoint;",
            "import dev.hookline.jdbc.JdbcDeduplicator;",
            "import dev.hookline.jdbc.JdbcSchema;",
            "import dev.hookline.jdbc.JdbcStoreException;",
            "import java.time.Duration;",
            "import java.util.concurrent.Executors;",
            "import java.util.concurrent.ScheduledExecutorService;",
            "import java.util.concurrent.TimeUnit;");

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

    /** What the inbox section's snippets use beyond the PostgreSQL section's. */
    private static final String INBOX_IMPORTS = String.join("\n",
            "import dev.hookline.dedupe.Deduplicator;",
            "import dev.hookline.exa.ExaEvents;",
            "import dev.hookline.jdbc.InboxFilter;",
            "import dev.hookline.jdbc.InboxRetry;",
            "import dev.hookline.jdbc.InboxRow;",
            "import dev.hookline.jdbc.InboxState;",
            "import dev.hookline.jdbc.InboxStats;",
            "import dev.hookline.jdbc.InboxTransaction;",
            "import dev.hookline.jdbc.InboxWorkers;",
            "import dev.hookline.jdbc.JdbcInbox;",
            "import dev.hookline.servlet.WebhookServlet;",
            "import dev.hookline.servlet.WebhookServletOptions;",
            "import java.sql.PreparedStatement;",
            "import javax.sql.DataSource;");

    private static String readme() throws IOException {
        return Files.readString(Path.of(System.getProperty("hookline.readme", "../README.md")));
    }

    @Test
    void theDurableInboxSectionCompiles(@TempDir Path classes) throws IOException {
        List<String> snippets = javaSnippets(readme(), "Durable inbox");
        assertThat(snippets).hasSize(3);
        compile(classes, IMPORTS + "\n" + INBOX_IMPORTS + "\n\nclass ReadmeSnippets {\n    void run(DataSource dataSource)"
                + " throws Exception {\n" + String.join("\n", snippets) + "\n    }\n}\n");
    }

    @Test
    void thePostgresSectionCompiles(@TempDir Path classes) throws IOException {
        List<String> snippets = javaSnippets(readme(), "PostgreSQL");
        assertThat(snippets).hasSize(2);
        compile(classes, IMPORTS + "\n\nclass ReadmeSnippets {\n    void run() throws Exception {\n"
                + String.join("\n", snippets) + "\n    }\n}\n");
    }

    private static void compile(Path classes, String source) throws IOException {

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
