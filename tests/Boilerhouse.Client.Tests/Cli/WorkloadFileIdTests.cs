using Boilerhouse.Cli;
using Boilerhouse.Cli.Commands;
using Boilerhouse.Testing;

namespace Boilerhouse.Client.Tests.Cli;

/// <summary>
/// <c>workloads apply -f</c> reads the id a file declares to choose between create and replace. The
/// workloads API is not in this branch's host yet, so apply itself is not run here.
/// </summary>
public sealed class WorkloadFileIdTests
{
    [Fact]
    public void Id_is_read_from_x_boilerhouse()
    {
        var yaml = "# a comment\n" + new WorkloadYaml("cli-apply") { MinSize = 2 };

        Assert.Equal("cli-apply", WorkloadFileId.Read(yaml, "w.yaml"));
    }

    [Theory]
    [InlineData("image: busybox\n")]
    [InlineData("x-boilerhouse:\n  name: no id\nimage: busybox\n")]
    [InlineData("x-boilerhouse: [1, 2]\n")]
    [InlineData("x-boilerhouse:\n  id: [unclosed\n")]
    public void File_without_an_id_is_a_usage_error_that_names_the_file(string yaml)
    {
        var error = Assert.Throws<CliUsageException>(() => WorkloadFileId.Read(yaml, "broken.yaml"));

        Assert.Contains("broken.yaml", error.Message);
    }

    [Fact]
    public async Task Apply_of_a_missing_file_exits_2_before_calling_the_server()
    {
        var result = await Infrastructure.CliRun.RunAsync(new Dictionary<string, string> { ["BOILERHOUSE_URL"] = "http://127.0.0.1:9" },
            "workloads", "apply", "-f", "/nonexistent/workload.yaml");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("not a file", result.Error);
    }
}
