using Boilerhouse.Core.Workloads;
using static Boilerhouse.Core.Tests.Workloads.WorkloadYaml;

namespace Boilerhouse.Core.Tests.Workloads;

/// <summary>${VAR} in environment values comes from the host's settings; $$ is a dollar; the host's own settings stay out.</summary>
public class WorkloadVariablesTests
{
    private static readonly Dictionary<string, string> Settings = new()
    {
        ["API_URL"] = "https://api.example.com",
        ["REGION"] = "eu-1",
        ["BOILERHOUSE_ADMIN_KEY"] = "top-secret",
        ["DOCKER_HOST"] = "tcp://10.0.0.1:2376",
        ["EMPTY"] = "",
    };

    private static readonly WorkloadVariables Variables = new(name => Settings.GetValueOrDefault(name));

    private static WorkloadPolicy Policy => new() { Variables = Variables };

    [Theory]
    [InlineData("${API_URL}", "https://api.example.com")]
    [InlineData("${API_URL}/v1?region=${REGION}", "https://api.example.com/v1?region=eu-1")]
    [InlineData("plain text", "plain text")]
    [InlineData("price: $$5", "price: $5")]
    [InlineData("$${API_URL}", "${API_URL}")]
    [InlineData("$$$${REGION}", "$${REGION}")]
    [InlineData("a$", "a$")]
    [InlineData("100 $ each", "100 $ each")]
    [InlineData("[${EMPTY}]", "[]")]
    public void Substitute_known_values_and_escapes_gives_the_text(string value, string expected)
    {
        var result = Variables.Substitute(value);

        Assert.Null(result.Error);
        Assert.Equal(expected, result.Value);
    }

    [Theory]
    [InlineData("${MISSING}", "variable 'MISSING' is not set")]
    [InlineData("${BOILERHOUSE_ADMIN_KEY}", "BOILERHOUSE_* settings are the host's own")]
    [InlineData("${boilerhouse_admin_key}", "BOILERHOUSE_* settings are the host's own")]
    [InlineData("${DOCKER_HOST}", "DOCKER_* settings are the host's own")]
    [InlineData("${API_URL", "has no closing '}'")]
    [InlineData("${API_URL:-default}", "is not a variable name")]
    [InlineData("${}", "is not a variable name")]
    [InlineData("$API_URL", "write ${NAME}")]
    public void Substitute_refuses_missing_reserved_and_malformed_variables(string value, string expected)
    {
        var result = Variables.Substitute(value);

        Assert.Null(result.Value);
        Assert.Contains(expected, result.Error);
    }

    [Fact]
    public void Parse_fills_environment_values_from_the_settings()
    {
        var spec = Valid(With("environment:\n  API: \"${API_URL}/v1\"\n  SHELL_VAR: \"$${HOME}\""), Policy);

        Assert.Equal("https://api.example.com/v1", spec.Environment["API"]);
        Assert.Equal("${HOME}", spec.Environment["SHELL_VAR"]);
    }

    [Fact]
    public void Parse_of_a_missing_variable_is_a_workload_error_naming_it_with_its_field_and_line()
    {
        var error = SingleError(With("environment:\n  - API=${NOT_SET_ANYWHERE}"), Policy);

        Assert.Equal("environment.API", error.Field);
        Assert.Contains("NOT_SET_ANYWHERE", error.Message);
        Assert.NotNull(error.Line);
    }

    [Fact]
    public void Parse_refuses_a_host_setting_even_when_it_is_set()
    {
        var error = SingleError(With("environment:\n  KEY: \"${BOILERHOUSE_ADMIN_KEY}\""), Policy);

        Assert.Contains("BOILERHOUSE_ADMIN_KEY", error.Message);
        Assert.DoesNotContain("top-secret", error.Message);
    }

    [Fact]
    public void Parse_without_variables_treats_every_reference_as_missing()
    {
        var error = SingleError(With("environment:\n  API: \"${API_URL}\""));

        Assert.Contains("'API_URL' is not set", error.Message);
    }
}
