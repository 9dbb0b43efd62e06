using System.CommandLine;

namespace Boilerhouse.Cli.Commands;

/// <summary><c>boilerhouse tenants verify TENANT</c>: checks the tenant's saved state against its manifests; exits 3 when it is not intact.</summary>
internal static class TenantVerifyCommand
{
    public static Command Create(CliSession session, Argument<string> tenantId)
    {
        var pool = new Option<string?>("--pool") { Description = "The pool whose sink to read (needed once the tenant has released)" };
        return new Command("verify", "Checks a tenant's saved state in the sink against its manifests (changes nothing)").With(tenantId, pool).Run(session, async (cli, ct) =>
        {
            var report = await cli.Client.VerifyTenantStateAsync(cli.Value(tenantId)!, cli.Value(pool), ct);
            cli.Write(report, output =>
            {
                output.WriteLine($"{report.TenantId} in {report.PoolId}: {(report.Intact ? "intact" : "NOT intact")}");
                foreach (var m in report.Mappings)
                {
                    output.WriteLine($"  {m.SinkPath}: manifest {m.Manifest}, {m.Checked} checked, {m.Missing.Count} missing, {m.Differs.Count} differ, {m.Pending.Count} pending, {m.Unrecorded.Count} unrecorded");
                    foreach (var missing in m.Missing)
                    {
                        output.WriteLine($"    missing  {missing}");
                    }

                    foreach (var differs in m.Differs)
                    {
                        output.WriteLine($"    differs  {differs.Path} ({differs.ActualSize} bytes, expected {differs.ExpectedSize})");
                    }
                }
            });
            return report.Intact ? CliExitCodes.Ok : CliExitCodes.CommandFailed;
        });
    }
}
