package dev.assent.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Assent's logging set up in code, found by logback through {@code META-INF/services} before its XML
 * configurators: one {@code STDERR} console appender (stdout carries command output), text
 * ({@code %d{HH:mm:ss.SSS} %-5level %logger{24} - %msg%n}) or, with {@code assent.log.format=json} (set by
 * {@link Main} from {@code ASSENT_LOG_FORMAT}), logback's {@link JsonEncoder} with the fields the README
 * documents; the root level from {@code ASSENT_LOG_LEVEL} (default {@code INFO}); Flyway, HikariCP and
 * Helidon at {@code WARN}. The same configuration the XML files used to give, without parsing XML at every start.
 *
 * <p>It steps aside ({@link ExecutionStatus#NEUTRAL}: logback goes on to its own configurators) when
 * {@code -Dlogback.configurationFile} names a file or a {@code logback-test.xml} is on the class path, so
 * a configuration of one's own still wins.
 */
public final class LogbackConfigurator extends ContextAwareBase implements Configurator {

    /** The root level's variable, read as logback's XML read {@code ${ASSENT_LOG_LEVEL:-INFO}}: system property, then environment. */
    static final String LOG_LEVEL_VARIABLE = "ASSENT_LOG_LEVEL";
    static final String TEXT_PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{24} - %msg%n";
    /** Libraries whose INFO lines say nothing an operator needs at every start. */
    static final String[] QUIET_LOGGERS = {"org.flywaydb", "com.zaxxer.hikari", "io.helidon"};

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (stepsAside(System::getProperty, Thread.currentThread().getContextClassLoader())) {
            addInfo("a logback configuration file was given or is on the class path: leaving the configuration to it");
            return ExecutionStatus.NEUTRAL;
        }
        String level = System.getProperty(LOG_LEVEL_VARIABLE);
        configure(context, System.getProperty(Main.LOG_FORMAT_PROPERTY, "text"), level != null ? level : System.getenv(LOG_LEVEL_VARIABLE));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Whether a configuration file of logback's own lookup is there: {@code -Dlogback.configurationFile}, {@code logback-test.xml}. */
    static boolean stepsAside(UnaryOperator<String> systemProperties, ClassLoader classLoader) {
        String file = systemProperties.apply(ContextInitializer.CONFIG_FILE_PROPERTY);
        if (file != null && !file.isBlank()) {
            return true;
        }
        ClassLoader loader = classLoader != null ? classLoader : LogbackConfigurator.class.getClassLoader();
        return loader.getResource(ContextInitializer.TEST_AUTOCONFIG_FILE) != null;
    }

    /**
     * The appender and levels for {@code format} ({@code json}, else text) and the root level {@code level}
     * (null: {@code INFO}; otherwise as logback reads a level name, an unknown one being {@code DEBUG}).
     */
    static void configure(LoggerContext context, String format, String level) {
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName("STDERR");
        appender.setTarget("System.err");
        appender.setEncoder(encoder(context, format));
        appender.start();

        for (String name : QUIET_LOGGERS) {
            context.getLogger(name).setLevel(Level.WARN);
        }
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        String rootLevel = level == null ? "INFO" : level;
        if (rootLevel.isBlank()) {
            // As the XML's ${ASSENT_LOG_LEVEL:-INFO} with the variable set but empty: no level given, logback's DEBUG stays.
            root.setLevel(Level.DEBUG);
        } else if (rootLevel.equalsIgnoreCase("INHERITED") || rootLevel.equalsIgnoreCase("NULL")) {
            // Not a level for the root: the XML ignored it too.
            root.setLevel(Level.DEBUG);
        } else {
            root.setLevel(Level.toLevel(rootLevel));
        }
        root.addAppender(appender);
    }

    private static Encoder<ILoggingEvent> encoder(LoggerContext context, String format) {
        if ("json".equals(format == null ? null : format.toLowerCase(Locale.ROOT))) {
            // One object per line: timestamp (epoch ms), level, threadName, loggerName, mdc (request_id while a request
            // is handled), kvpList (an access line's method, route, status, duration_ms, request_id), formattedMessage, throwable.
            JsonEncoder json = new JsonEncoder();
            json.setContext(context);
            json.setWithSequenceNumber(false);
            json.setWithNanoseconds(false);
            json.setWithContext(false);
            json.setWithMessage(false);
            json.setWithArguments(false);
            json.setWithFormattedMessage(true);
            json.start();
            return json;
        }
        PatternLayoutEncoder text = new PatternLayoutEncoder();
        text.setContext(context);
        text.setPattern(TEXT_PATTERN);
        text.start();
        return text;
    }
}
