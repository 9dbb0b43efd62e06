using Boilerhouse.Orchestration.Orchestrations;
using Boilerhouse.Orchestration.Tenants;

namespace Boilerhouse.Orchestration.Tests.Orchestrations;

public sealed class InstanceIdsTests
{
    [Fact]
    public void Idempotency_key_names_one_instance_per_tenant_and_operation()
    {
        var a = InstanceIds.FromIdempotencyKey("alice", "claim", "k1");

        Assert.Equal(a, InstanceIds.FromIdempotencyKey("alice", "claim", "k1"));
        Assert.NotEqual(a, InstanceIds.FromIdempotencyKey("bob", "claim", "k1"));
        Assert.NotEqual(a, InstanceIds.FromIdempotencyKey("alice", "release", "k1"));
        Assert.True(InstanceIds.IsValid(a));
    }

    [Theory]
    [InlineData("", false)]
    [InlineData("-lead", false)]
    [InlineData("has/slash", false)]
    [InlineData("ok_id-1.2", true)]
    public void Instance_id_rule(string id, bool valid) => Assert.Equal(valid, InstanceIds.IsValid(id));

    [Fact]
    public void Continuation_token_round_trips_and_rejects_garbage()
    {
        var at = new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero);
        var token = ContinuationToken.Encode(at, "abc");

        Assert.True(ContinuationToken.TryDecode(token, out var position));
        Assert.Equal((at, "abc"), position);
        Assert.False(ContinuationToken.TryDecode("not-a-token", out _));
        Assert.False(ContinuationToken.TryDecode("", out _));
    }

    [Fact]
    public void Claim_input_is_stored_without_secret_values_and_a_resumed_claim_knows_they_are_gone()
    {
        var command = new ClaimCommand("alice", "web", """{"a":1}""", new Dictionary<string, string> { ["token"] = "hunter2" });

        var stored = command.ToRedactedJson();
        var resumed = ClaimCommand.FromRedactedJson(stored, secrets: null);

        Assert.DoesNotContain("hunter2", stored, StringComparison.Ordinal);
        Assert.Contains("\"token\":\"***\"", stored, StringComparison.Ordinal);
        Assert.True(resumed.SecretsUnavailable);
        Assert.Equal("""{"a":1}""", resumed.ConfigJson);
        Assert.False(ClaimCommand.FromRedactedJson(stored, command.Secrets).SecretsUnavailable);
    }
}
