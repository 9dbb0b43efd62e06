using System.Diagnostics;
using System.Text.RegularExpressions;
using Boilerhouse.IntegrationTests.Infrastructure;

namespace Boilerhouse.IntegrationTests.Infra;

/// <summary>The deployment material in infra/ is checked, not decorative.</summary>
public sealed partial class InfraTests
{
    private static readonly string Root = HostProcess.RepoRoot();

    [Fact]
    public async Task Systemd_unit_passes_systemd_analyze_verify()
    {
        var (exitCode, output) = await RunAsync("systemd-analyze", "verify", Path.Combine(Root, "infra/systemd/boilerhouse.service"));

        Assert.True(exitCode == 0 && output.Trim().Length == 0, $"systemd-analyze verify: exit {exitCode}\n{output}");
    }

    [Fact]
    public void Every_setting_of_the_node_env_file_is_documented_in_the_README()
    {
        var readme = File.ReadAllText(Path.Combine(Root, "README.md"));
        var settings = File.ReadAllLines(Path.Combine(Root, "infra/systemd/boilerhouse.env"))
            .Select(l => SettingLine().Match(l))
            .Where(m => m.Success)
            .Select(m => m.Groups[1].Value)
            .ToList();

        Assert.NotEmpty(settings);
        Assert.All(settings, s => Assert.Contains($"`{s}`", readme, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Make_certs_issues_engine_certificates_for_their_names_and_a_client_certificate_that_cannot_pose_as_an_engine()
    {
        var output = Directory.CreateTempSubdirectory("boilerhouse-certs-").FullName;
        try
        {
            var script = Path.Combine(Root, "infra/docker-tls/make-certs.sh");
            var (made, log) = await RunAsync("bash", script, output, "engine-a,127.0.0.1,a.example", "engine-b");
            Assert.True(made == 0, log);

            var ca = Path.Combine(output, "ca.pem");
            var engine = Path.Combine(output, "servers/engine-a/cert.pem");
            var client = Path.Combine(output, "clients/boilerhouse/cert.pem");
            Assert.Equal(0, (await RunAsync("openssl", "verify", "-CAfile", ca, "-purpose", "sslserver", engine)).ExitCode);
            Assert.Equal(0, (await RunAsync("openssl", "verify", "-CAfile", ca, "-purpose", "sslclient", client)).ExitCode);
            Assert.NotEqual(0, (await RunAsync("openssl", "verify", "-CAfile", ca, "-purpose", "sslserver", client)).ExitCode);
            var (_, names) = await RunAsync("openssl", "x509", "-in", engine, "-noout", "-ext", "subjectAltName");
            Assert.Contains("DNS:engine-a, IP Address:127.0.0.1, DNS:a.example", names, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(output, "servers/engine-b/daemon.json")));
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(output, "clients/boilerhouse/key.pem")));
            }

            // Run again: valid certificates are kept, not reissued.
            var before = await File.ReadAllTextAsync(engine);
            Assert.Equal(0, (await RunAsync("bash", script, output, "engine-a,127.0.0.1,a.example")).ExitCode);
            Assert.Equal(before, await File.ReadAllTextAsync(engine));
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    [GeneratedRegex(@"^#?([A-Z][A-Z0-9_]+)=")]
    private static partial Regex SettingLine();

    private static async Task<(int ExitCode, string Output)> RunAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}
