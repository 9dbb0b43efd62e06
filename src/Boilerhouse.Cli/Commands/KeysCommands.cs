using System.CommandLine;
using Boilerhouse.Cli.Output;
using Boilerhouse.Client.Models;

namespace Boilerhouse.Cli.Commands;

/// <summary><c>boilerhouse keys create|list|revoke</c> (admin keys only).</summary>
internal static class KeysCommands
{
    public static Command Create(CliSession session)
    {
        var keys = new Command("keys", "API keys (admin)");

        var name = new Option<string>("--name") { Description = "A name people recognise", Required = true };
        var role = new Option<string>("--role") { Description = "admin, operator, reader or tenant", Required = true };
        role.AcceptOnlyFromAmong("admin", "operator", "reader", "tenant");
        var tenants = new Option<string[]>("--tenant") { Description = "Tenant keys: a tenant id or prefix (acme-*), repeatable" };
        var pools = new Option<string[]>("--pool") { Description = "Tenant keys: a pool it may claim from, repeatable" };
        var rate = new Option<int?>("--rate-limit") { Description = "Requests a minute" };
        var max = new Option<int?>("--max-containers") { Description = "Tenant keys: containers its tenants may hold at once" };
        var expires = new Option<DateTimeOffset?>("--expires") { Description = "When it stops working (ISO 8601)" };
        keys.Subcommands.Add(new Command("create", "Creates a key and prints its secret (shown this once)")
            .With(name, role, tenants, pools, rate, max, expires).Run(session, async (cli, ct) =>
            {
                var created = await cli.Client.CreateKeyAsync(new NewApiKey(cli.Value(name)!, cli.Value(role)!)
                {
                    Tenants = cli.Value(tenants) is { Length: > 0 } t ? t : null,
                    Pools = cli.Value(pools) is { Length: > 0 } p ? p : null,
                    RateLimitPerMinute = cli.Value(rate),
                    MaxContainers = cli.Value(max),
                    ExpiresAt = cli.Value(expires),
                }, ct);
                cli.Write(created, output =>
                {
                    output.WriteLine($"Key {created.Id} '{created.Name}' ({created.Role}) created. Its secret, shown this once:");
                    output.WriteLine(created.Key);
                });
            }));

        keys.Subcommands.Add(new Command("list", "Every key, without secrets").Run(session, async (cli, ct) =>
        {
            var all = await cli.Client.GetKeysAsync(ct);
            cli.Write(all, output =>
            {
                var table = new TextTable("ID", "NAME", "ROLE", "PREFIX", "TENANTS", "CREATED", "EXPIRES", "REVOKED");
                foreach (var k in all)
                {
                    table.Add(k.Id, k.Name, k.Role, k.Prefix, k.Tenants.Count == 0 ? null : string.Join(',', k.Tenants), k.CreatedAt, k.ExpiresAt, k.RevokedAt);
                }

                table.WriteTo(output);
            });
        }));

        var keyId = new Argument<string>("key") { Description = "The key id" };
        keys.Subcommands.Add(new Command("revoke", "Revokes a key at once").With(keyId).Run(session, async (cli, ct) =>
        {
            var id = cli.Value(keyId)!;
            await cli.Client.RevokeKeyAsync(id, ct);
            cli.Write(new { id, revoked = true }, output => output.WriteLine($"Key {id} revoked"));
        }));
        return keys;
    }
}
