package dev.assent.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.event.KeyValuePair;

/**
 * Logging set up in code ({@link LogbackConfigurator}) is the configuration the XML files gave
 * (src/test/resources/logback-reference, the files the jar shipped before): the same appender, the same
 * bytes for the same events in text and JSON, the same levels for every {@code ASSENT_LOG_LEVEL}; the
 * JSON line is the one the README documents; and it steps aside for a configuration file of one's own.
 */
class LogbackConfiguratorTest {

    /** One throwable for both configurations: its stack trace is part of the line. */
    private static final Throwable THROWN = new IllegalStateException("database unreachable: \"quoted\"\n and a second line",
            new java.io.IOException("the cause"));

    private static final List<String> LOGGERS = List.of(Logger.ROOT_LOGGER_NAME, "org.flywaydb", "org.flywaydb.core.FlywayExecutor",
            "com.zaxxer.hikari", "com.zaxxer.hikari.pool.HikariPool", "io.helidon", "io.helidon.webserver.LoomServer", "assent.access",
            "dev.assent.server.Main", "org.jdbi");

    @Test
    void theCodeGivesWhatTheXmlGaveForEveryFormatAndLevel() throws Exception {
        assumeThat(System.getenv("ASSENT_LOG_LEVEL")).as("the XML reads the environment too").isNull();
        for (String format : Arrays.asList("text", "json", null)) {
            for (String level : Arrays.asList(null, "INFO", "warn", "Debug", "TRACE", "ERROR", "OFF", "bogus", "", "INHERITED")) {
                LoggerContext xml = fromXml(format, level);
                LoggerContext code = new LoggerContext();
                LogbackConfigurator.configure(code, format == null ? "text" : format, level);
                String what = "format " + format + ", level " + level;
                for (String name : LOGGERS) {
                    assertThat(code.getLogger(name).getEffectiveLevel()).as(what + ": " + name).isEqualTo(xml.getLogger(name).getEffectiveLevel());
                }
                assertThat(appenders(code)).as(what).isEqualTo(appenders(xml)).containsExactly("STDERR");
                ConsoleAppender<ILoggingEvent> fromCode = stderr(code);
                ConsoleAppender<ILoggingEvent> fromXml = stderr(xml);
                assertThat(fromCode.getTarget()).isEqualTo(fromXml.getTarget()).isEqualTo("System.err");
                assertThat(fromCode.getEncoder().getClass()).isEqualTo(fromXml.getEncoder().getClass());
                for (int i = 0; i < 4; i++) {
                    assertThat(new String(fromCode.getEncoder().encode(event(code, i)), StandardCharsets.UTF_8)).as(what + ": event " + i)
                            .isEqualTo(new String(fromXml.getEncoder().encode(event(xml, i)), StandardCharsets.UTF_8));
                }
                code.stop();
                xml.stop();
            }
        }
    }

    @Test
    void theJsonLineIsTheOneTheReadmeDocuments() throws IOException {
        Matcher block = Pattern.compile("### Logs.*?```json\\n(.*?)\\n```", Pattern.DOTALL)
                .matcher(Files.readString(Path.of("..", "README.md")));
        assertThat(block.find()).as("README: the JSON example under ### Logs").isTrue();
        String documented = block.group(1);

        LoggerContext context = new LoggerContext();
        LogbackConfigurator.configure(context, "json", null);
        LoggingEvent access = new LoggingEvent(Logger.FQCN, context.getLogger("assent.access"), Level.INFO,
                "GET /v2/Services/{ServiceSid} 200 7 ms RQ07314b487a68d711c30e4224b8ddd20b", null, null);
        access.setTimeStamp(1796168059865L);
        access.setThreadName("[0x4d5b7348 0x7a8f0f5d] WebServer socket");
        access.setMDCPropertyMap(Map.of());
        for (String[] kv : new String[][] {{"method", "GET"}, {"route", "/v2/Services/{ServiceSid}"}, {"status", "200"},
            {"duration_ms", "7"}, {"request_id", "RQ07314b487a68d711c30e4224b8ddd20b"}}) {
            access.addKeyValuePair(new KeyValuePair(kv[0], kv[1]));
        }
        String line = new String(stderr(context).getEncoder().encode(access), StandardCharsets.UTF_8);
        assertThat(line).isEqualTo(documented + "\n");
        context.stop();
    }

    @Test
    void itStepsAsideForAConfigurationFileOfOnesOwn(@TempDir Path dir) throws Exception {
        ClassLoader none = new URLClassLoader(new URL[0], null);
        assertThat(LogbackConfigurator.stepsAside(name -> null, none)).isFalse();
        assertThat(LogbackConfigurator.stepsAside(name -> name.equals("logback.configurationFile") ? "/etc/my-logback.xml" : null, none))
                .isTrue();
        Files.writeString(dir.resolve("logback-test.xml"), "<configuration/>");
        try (URLClassLoader withTestFile = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
            assertThat(LogbackConfigurator.stepsAside(name -> null, withTestFile)).isTrue();
        }

        // This test's own class path has no logback-test.xml: configured in code, and logback's XML configurators are not asked.
        LoggerContext context = new LoggerContext();
        LogbackConfigurator configurator = new LogbackConfigurator();
        configurator.setContext(context);
        assertThat(configurator.configure(context)).isEqualTo(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
        assertThat(appenders(context)).containsExactly("STDERR");
        context.stop();
    }

    @Test
    void logbackFindsItAsAService() throws IOException {
        assertThat(Files.readAllLines(Path.of("src", "main", "resources", "META-INF", "services", Configurator.class.getName())))
                .containsExactly(LogbackConfigurator.class.getName());
        // And the running logging (this JVM's) was made by it: the text encoder with Assent's pattern on STDERR.
        LoggerContext running = (LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
        assertThat(((ch.qos.logback.classic.encoder.PatternLayoutEncoder) stderr(running).getEncoder()).getPattern())
                .isEqualTo(LogbackConfigurator.TEXT_PATTERN);
    }

    private static LoggerContext fromXml(String format, String level) throws Exception {
        LoggerContext context = new LoggerContext();
        if (format != null) {
            context.putProperty(Main.LOG_FORMAT_PROPERTY, format);
        }
        if (level != null) {
            context.putProperty("ASSENT_LOG_LEVEL", level);
        }
        JoranConfigurator joran = new JoranConfigurator();
        joran.setContext(context);
        joran.doConfigure(LogbackConfiguratorTest.class.getResource("/logback-reference/logback.xml"));
        return context;
    }

    /** Events of each kind a server logs: plain, with arguments, with MDC and key-value pairs, with a stack trace. */
    private static ILoggingEvent event(LoggerContext context, int kind) {
        Logger logger = context.getLogger(kind == 2 ? "assent.access" : "dev.assent.server.storage.Database");
        Throwable thrown = kind == 3 ? THROWN : null;
        Object[] args = kind == 1 ? new Object[] {"SQLITE", 13} : null;
        String message = kind == 1 ? "database ready: {}, schema version {}" : kind == 2 ? "GET /healthz 200 1 ms RQ0" : "plain ü \t line";
        LoggingEvent event = new LoggingEvent(Logger.FQCN, logger, kind == 3 ? Level.WARN : Level.INFO, message, thrown, args);
        event.setTimeStamp(1796168059865L + kind);
        event.setThreadName("main");
        event.setMDCPropertyMap(kind == 2 ? Map.of("request_id", "RQ0") : Map.of());
        if (kind == 2) {
            event.addKeyValuePair(new KeyValuePair("method", "GET"));
            event.addKeyValuePair(new KeyValuePair("status", "200"));
        }
        return event;
    }

    private static List<String> appenders(LoggerContext context) {
        List<String> names = new ArrayList<>();
        for (Iterator<Appender<ILoggingEvent>> it = context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders(); it.hasNext();) {
            names.add(it.next().getName());
        }
        return names;
    }

    @SuppressWarnings("unchecked")
    private static ConsoleAppender<ILoggingEvent> stderr(LoggerContext context) {
        return (ConsoleAppender<ILoggingEvent>) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR");
    }
}
