using System.CommandLine;
using System.Globalization;
using System.Text;
using Gis.Cli.Options;
using Gis.Cli.Output;
using Gis.Desktop.Api;
using Gis.Importers.Accounts;

namespace Gis.Cli.Commands;

/// <summary>
/// <c>gis users add|list|disable|enable|reset-password|set-role</c>: the accounts of the office workstation (ADR 0034).
/// A password is typed at a prompt that does not echo it, or read from standard input with <c>--password-stdin</c>;
/// never an argument, which the process list and the shell history would keep.
/// </summary>
internal static class UsersCommand
{
    public static Command Create()
    {
        var users = new Command("users", """
            Accounts of the workstation (gis desktop): once one exists, everyone signs in, and each role may do its part:
            viewer (maps, numbers, exports), officer (also imports and alert rules), planner (also project areas and the
            allocation), admin (also accounts).
            """);
        users.Subcommands.Add(Add());
        users.Subcommands.Add(List());
        users.Subcommands.Add(SetDisabled("disable", true, "An account that can no longer sign in; its open sessions end at once"));
        users.Subcommands.Add(SetDisabled("enable", false, "An account that was disabled can sign in again"));
        users.Subcommands.Add(ResetPassword());
        users.Subcommands.Add(SetRole());
        return users;
    }

    private static Argument<string> NameArgument() => new("NAME") { Description = "Account name (a-z, 0-9, '.', '_', '-')" };

    private static Option<string> RoleOption()
    {
        var role = new Option<string>("--role") { Description = "viewer, officer, planner or admin", Required = true };
        role.AcceptOnlyFromAmong("viewer", "officer", "planner", "admin");
        return role;
    }

    private static Option<bool> PasswordStdin() =>
        new("--password-stdin") { Description = "Read the password from the first line of standard input instead of a prompt" };

    private static Command Add()
    {
        var name = NameArgument();
        var role = RoleOption();
        var display = new Option<string?>("--display-name") { Description = "The name the page and the history show (default: NAME)" };
        var stdin = PasswordStdin();
        var command = new Command("add", "A new account; asks for its password") { name, role, display, stdin };
        command.SetAction(async (parse, ct) =>
        {
            var account = AccountStore.NormalizeName(parse.GetValue(name)!);
            var hash = Hash(ReadPassword(parse, stdin, $"Password for {account}: "));
            await using var store = await GlobalOptions.OpenStoreAsync(parse, ct);
            await new AccountStore(store).AddAsync(account, parse.GetValue(display) ?? account, AccountRoles.Parse(parse.GetValue(role)!),
                hash, ct);
            await parse.InvocationConfiguration.Output.WriteLineAsync($"account {account} added ({parse.GetValue(role)})");
            return 0;
        });
        return command;
    }

    private static Command List()
    {
        var format = OutputOptions.Format();
        var command = new Command("list", "The accounts, their roles and whether they can sign in now") { format };
        command.SetAction(async (parse, ct) =>
        {
            await using var store = await GlobalOptions.OpenStoreAsync(parse, ct);
            var accounts = await new AccountStore(store).ListAsync(ct);
            var output = parse.InvocationConfiguration.Output;
            static string? Time(DateTimeOffset? t) => t?.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
            switch (parse.GetValue(format))
            {
                case "json":
                    Json.Write(output, accounts.Select(a => new
                    {
                        a.Name,
                        a.DisplayName,
                        Role = AccountRoles.ToText(a.Role),
                        a.Disabled,
                        a.FailedAttempts,
                        a.LockedUntil,
                        a.CreatedAt,
                        a.UpdatedAt,
                    }));
                    break;
                case "csv":
                    output.WriteLine(Csv.Line("name", "display_name", "role", "disabled", "failed_attempts", "locked_until"));
                    foreach (var a in accounts)
                        output.WriteLine(Csv.Line(a.Name, a.DisplayName, AccountRoles.ToText(a.Role), a.Disabled ? "true" : "false",
                            a.FailedAttempts.ToString(CultureInfo.InvariantCulture), Time(a.LockedUntil) ?? ""));
                    break;
                default:
                    var table = new TextTable("name", "display name", "role", "state", "changed");
                    foreach (var a in accounts)
                        table.Add(a.Name, a.DisplayName, AccountRoles.ToText(a.Role),
                            a.Disabled ? "disabled"
                                : a.LockedUntil > DateTimeOffset.UtcNow ? $"locked until {Time(a.LockedUntil)}" : "active",
                            Time(a.UpdatedAt)!);
                    table.WriteTo(output);
                    break;
            }
            return 0;
        });
        return command;
    }

    private static Command SetDisabled(string verb, bool disabled, string description)
    {
        var name = NameArgument();
        var command = new Command(verb, description) { name };
        command.SetAction(async (parse, ct) =>
        {
            await using var store = await GlobalOptions.OpenStoreAsync(parse, ct);
            await new AccountStore(store).SetDisabledAsync(parse.GetValue(name)!, disabled, ct);
            await parse.InvocationConfiguration.Output.WriteLineAsync($"account {parse.GetValue(name)} {verb}d");
            return 0;
        });
        return command;
    }

    private static Command ResetPassword()
    {
        var name = NameArgument();
        var stdin = PasswordStdin();
        var command = new Command("reset-password", "A new password for the account; also lifts a lock-out and ends its open sessions")
        {
            name, stdin,
        };
        command.SetAction(async (parse, ct) =>
        {
            var account = AccountStore.NormalizeName(parse.GetValue(name)!);
            var hash = Hash(ReadPassword(parse, stdin, $"New password for {account}: "));
            await using var store = await GlobalOptions.OpenStoreAsync(parse, ct);
            await new AccountStore(store).SetPasswordAsync(account, hash, ct);
            await parse.InvocationConfiguration.Output.WriteLineAsync($"password of {account} set");
            return 0;
        });
        return command;
    }

    private static Command SetRole()
    {
        var name = NameArgument();
        var role = RoleOption();
        var command = new Command("set-role", "Another role for the account; open sessions get it within seconds") { name, role };
        command.SetAction(async (parse, ct) =>
        {
            await using var store = await GlobalOptions.OpenStoreAsync(parse, ct);
            await new AccountStore(store).SetRoleAsync(parse.GetValue(name)!, AccountRoles.Parse(parse.GetValue(role)!), ct);
            await parse.InvocationConfiguration.Output.WriteLineAsync($"account {parse.GetValue(name)} is now {parse.GetValue(role)}");
            return 0;
        });
        return command;
    }

    private static string Hash(string password)
    {
        try
        {
            return AccountPasswords.Hash(password);
        }
        catch (ArgumentException e)
        {
            throw new FormatException(e.Message, e);
        }
    }

    /// <summary>The password from standard input's first line, or typed twice at a prompt that shows nothing.</summary>
    private static string ReadPassword(ParseResult parse, Option<bool> stdin, string prompt)
    {
        if (parse.GetValue(stdin))
            return Console.In.ReadLine() is { Length: > 0 } line ? line
                : throw new FormatException("--password-stdin: standard input has no password on its first line");
        if (Console.IsInputRedirected)
            throw new FormatException("standard input is not a terminal: give the password with --password-stdin");
        var error = parse.InvocationConfiguration.Error;
        var first = Prompt(error, prompt);
        if (Prompt(error, "Again: ") != first)
            throw new FormatException("the two passwords differ: nothing changed");
        return first;
    }

    private static string Prompt(TextWriter error, string prompt)
    {
        error.Write(prompt);
        var typed = new StringBuilder();
        for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
        {
            if (key.Key == ConsoleKey.Backspace && typed.Length > 0)
                typed.Length--;
            else if (!char.IsControl(key.KeyChar))
                typed.Append(key.KeyChar);
        }
        error.WriteLine();
        return typed.ToString();
    }
}
