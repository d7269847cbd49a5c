package dev.assent.server;

import dev.assent.server.api.ApiException;
import dev.assent.server.api.Input;
import dev.assent.server.api.Page;
import dev.assent.server.api.PageRequest;
import dev.assent.server.apikey.ApiKey;
import dev.assent.server.apikey.ApiKeys;
import dev.assent.server.apikey.CreatedApiKey;
import dev.assent.server.config.ServerConfig;
import dev.assent.server.sid.Sid;
import dev.assent.server.sid.SidType;
import dev.assent.server.storage.Database;
import dev.assent.server.storage.JdbcApiKeyStore;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code assent api-keys create|list|delete --account AC…}: an account's API keys from the command
 * line, on the database {@code serve} uses (same options and environment).
 */
@Command(name = "api-keys", description = "Manage an account's API keys (SK…).",
        subcommands = {ApiKeysCommand.Create.class, ApiKeysCommand.ListKeys.class, ApiKeysCommand.Delete.class})
final class ApiKeysCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** The database options of {@code serve}, and the account whose keys are meant. */
    static final class Target {
        @CommandLine.Mixin
        Main.Options options = new Main.Options();
        @Option(names = "--account", required = true, description = "The account (AC…).")
        String account;

        Sid account(Database database) {
            if (!Sid.matches(SidType.ACCOUNT, account)) {
                throw new IllegalArgumentException("--account must be an AC SID, not " + account);
            }
            Sid sid = new Sid(SidType.ACCOUNT, account);
            if (AssentServer.accounts(database, Clock.systemUTC(), Main.Accounts.sealer(database, config())).find(sid).isEmpty()) {
                throw new IllegalArgumentException("no account " + sid);
            }
            return sid;
        }

        ServerConfig config() {
            return options.resolve(System.getenv(), true);
        }

        Database open() {
            return AssentServer.openDatabase(config());
        }
    }

    @Command(name = "create", description = "Create a key; prints API_KEY_SID=… and API_KEY_SECRET=… (the secret is shown only now).")
    static final class Create implements Callable<Integer> {
        @CommandLine.Mixin
        Target target = new Target();
        @Option(names = "--friendly-name", description = "A name for the key (at most 64 characters).")
        String friendlyName;

        @Override
        public Integer call() {
            try (Database database = target.open()) {
                Sid account = target.account(database);
                CreatedApiKey created;
                try {
                    // Named as the command line names it: a refusal reads "Invalid parameter --friendly-name …".
                    created = new ApiKeys(new JdbcApiKeyStore(database)).create(account,
                            Input.of("--friendly-name", Optional.ofNullable(friendlyName)), Clock.systemUTC().instant());
                } catch (ApiException e) {
                    throw new IllegalArgumentException(e.getMessage());
                }
                System.out.println("API_KEY_SID=" + created.key().sid());
                System.out.println("API_KEY_SECRET=" + created.secret().reveal());
            }
            return 0;
        }
    }

    @Command(name = "list", description = "List the account's keys: SID, friendly name and creation date, tab-separated.")
    static final class ListKeys implements Callable<Integer> {
        @CommandLine.Mixin
        Target target = new Target();

        @Override
        public Integer call() {
            try (Database database = target.open()) {
                Sid account = target.account(database);
                ApiKeys keys = new ApiKeys(new JdbcApiKeyStore(database));
                PageRequest request = new PageRequest(PageRequest.MAX_SIZE, PageRequest.SortOrder.ASC, Optional.empty(), 0);
                while (true) {
                    Page<ApiKey> page = keys.list(account, request);
                    for (ApiKey key : page.items()) {
                        System.out.println(key.sid() + "\t" + key.friendlyName().orElse("") + "\t"
                                + DateTimeFormatter.ISO_INSTANT.format(key.dateCreated()));
                    }
                    if (!page.hasNext() || page.items().isEmpty()) {
                        return 0;
                    }
                    ApiKey last = page.items().get(page.items().size() - 1);
                    request = new PageRequest(PageRequest.MAX_SIZE, PageRequest.SortOrder.ASC, Optional.of(new PageRequest.Cursor(
                            PageRequest.Direction.AFTER, last.dateCreated().toEpochMilli(), last.sid().value())), 0);
                }
            }
        }
    }

    @Command(name = "delete", description = "Delete a key: it is refused from the next request on.")
    static final class Delete implements Callable<Integer> {
        @CommandLine.Mixin
        Target target = new Target();
        @Parameters(paramLabel = "SK…", description = "The key to delete.")
        String key;

        @Override
        public Integer call() {
            if (!Sid.matches(SidType.API_KEY, key)) {
                throw new IllegalArgumentException("the key must be an SK SID, not " + key);
            }
            try (Database database = target.open()) {
                Sid account = target.account(database);
                try {
                    new ApiKeys(new JdbcApiKeyStore(database)).delete(account, new Sid(SidType.API_KEY, key));
                } catch (ApiException e) {
                    throw new IllegalArgumentException("account " + account + " has no key " + key);
                }
                System.out.println("deleted " + key);
            }
            return 0;
        }
    }
}
