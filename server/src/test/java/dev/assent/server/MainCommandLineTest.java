package dev.assent.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@link Main#commandLine(String...)}: a start of one subcommand builds that subcommand alone, and what it
 * builds is the same command as in the whole tree (same usage help, same parse of the same arguments);
 * anything that is not a subcommand's exact name gets the whole tree.
 */
class MainCommandLineTest {

    @Test
    void theRegistryNamesEachCommandByItsOwnAnnotationInHelpOrder() {
        Main.SUBCOMMANDS.forEach((name, type) -> assertThat(type.getAnnotation(Command.class).name()).as(type.getName()).isEqualTo(name));
        assertThat(Main.commandLine().getSubcommands().keySet()).containsExactlyElementsOf(Main.SUBCOMMANDS.keySet());
        assertThat(Main.commandLine().getSubcommands().keySet()).startsWith("serve", "dev", "migrate", "accounts", "api-keys",
                "encryption", "device", "healthcheck", "aot-training");
    }

    @Test
    void aNamedSubcommandIsBuiltAloneAndIsTheSameCommandAsInTheWholeTree() {
        CommandLine whole = Main.commandLine();
        for (String name : Main.SUBCOMMANDS.keySet()) {
            CommandLine alone = Main.commandLine(name, "--port", "1");
            assertThat(alone.getSubcommands().keySet()).as(name).containsExactly(name);
            assertThat(usages(alone.getSubcommands().get(name))).as(name).isEqualTo(usages(whole.getSubcommands().get(name)));
        }
    }

    @Test
    void anythingElseGetsTheWholeTree() {
        for (String[] args : List.of(new String[0], new String[] {"--help"}, new String[] {"-V"}, new String[] {"serv"},
                new String[] {"Serve"}, new String[] {"--port", "1", "serve"})) {
            assertThat(Main.commandLine(args).getSubcommands().keySet()).as(String.join(" ", args))
                    .containsExactlyElementsOf(Main.SUBCOMMANDS.keySet());
        }
    }

    @Test
    void argumentsParseTheSameAloneAsInTheWholeTree() {
        for (String[] args : List.of(new String[] {"serve", "--port", "0", "--console", "--no-migrate", "--data-dir", "/tmp/x"},
                new String[] {"accounts", "rotate-token", "--account", "AC0", "--promote"},
                new String[] {"device", "enroll", "--file", "f", "--url", "http://127.0.0.1:1", "--service", "VA0", "--identity", "i",
                    "--account-sid", "AC0", "--auth-token", "t"},
                new String[] {"api-keys", "list", "--account", "AC0"})) {
            assertThat(parsed(Main.commandLine(args), args)).as(String.join(" ", args)).isEqualTo(parsed(Main.commandLine(), args));
        }
    }

    @Test
    void aMistakeAfterTheSubcommandIsReportedAsBefore() {
        for (String[] args : List.of(new String[] {"serve", "--bogus"}, new String[] {"accounts", "nope"},
                new String[] {"serve", "--port", "x"}, new String[] {"accounts", "disable"})) {
            assertThat(run(Main.commandLine(args), args)).as(String.join(" ", args)).isEqualTo(run(Main.commandLine(), args));
        }
    }

    /** The usage help of a command and of every command under it. */
    private static Map<String, String> usages(CommandLine command) {
        Map<String, String> all = new java.util.TreeMap<>();
        all.put(command.getCommandSpec().qualifiedName(), command.getUsageMessage(CommandLine.Help.Ansi.OFF));
        command.getSubcommands().values().forEach(sub -> all.putAll(usages(sub)));
        return all;
    }

    /** Each command's matched options with their values, down the parse. */
    private static List<String> parsed(CommandLine commandLine, String[] args) {
        List<String> out = new ArrayList<>();
        for (CommandLine.ParseResult r = commandLine.parseArgs(args); r != null; r = r.subcommand()) {
            out.add(r.commandSpec().qualifiedName());
            r.matchedOptions().forEach(o -> out.add(o.longestName() + "=" + o.getValue()));
        }
        return out;
    }

    /** Exit code, output and errors of a parse that fails before any command runs. */
    private static String run(CommandLine commandLine, String[] args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = commandLine.setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
        return exit + "\n" + out + "\n" + err;
    }
}
