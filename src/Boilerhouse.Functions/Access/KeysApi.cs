using System.Text.Json;
using Boilerhouse.Core.Access;
using Boilerhouse.Core.Errors;
using Boilerhouse.Core.Ids;
using Boilerhouse.Functions.Apis;
using Boilerhouse.Orchestration.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Boilerhouse.Functions.Access;

/// <summary>API keys: create (the secret is shown once), list, read, revoke, rotate. Admin keys only.</summary>
public static class KeysApi
{
    public static RouteGroupBuilder MapKeysApiV1(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/keys").WithTags("Keys");
        group.MapPost("/", CreateAsync).Accepts<CreateKeyRequest>("application/json").ProducesProblems(ErrorCodes.InvalidRequest);
        group.MapGet("/", ListAsync).ProducesProblems();
        group.MapGet("/{id}", GetAsync).ProducesProblems(ErrorCodes.InvalidId, AccessErrorCodes.KeyNotFound);
        group.MapDelete("/{id}", RevokeAsync).ProducesProblems(ErrorCodes.InvalidId, AccessErrorCodes.KeyNotFound);
        group.MapPost("/{id}/rotate", RotateAsync).ProducesProblems(ErrorCodes.InvalidId, AccessErrorCodes.KeyNotFound);
        return group;
    }

    public static async Task<Created<CreatedKeyResponse>> CreateAsync(HttpContext http, ApiKeyStore keys, AccessMode mode, TimeProvider time, ILogger<ApiKeyStore> logger)
    {
        var request = await ReadAsync(http);
        var now = time.GetUtcNow();
        var record = CreateKeyValidation.ToRecord(request, now);
        var secret = ApiKeySecret.New();
        record.SecretHash = ApiKeySecret.HashHex(secret);
        record.Prefix = ApiKeySecret.Display(secret);
        await keys.AddAsync(record, http.RequestAborted);
        mode.KeyCreated();
        logger.LogInformation("API key {KeyId} '{KeyName}' created with role {Role}", record.Id, record.Name, record.Role);
        return TypedResults.Created($"/api/v1/keys/{record.Id}", CreatedKeyResponse.From(record, secret));
    }

    public static async Task<Ok<List<KeyResponse>>> ListAsync(ApiKeyStore keys, CancellationToken cancellationToken) =>
        TypedResults.Ok((await keys.ListAsync(cancellationToken)).Select(KeyResponse.From).ToList());

    public static async Task<Results<Ok<KeyResponse>, ProblemHttpResult>> GetAsync(string id, HttpContext http, ApiKeyStore keys) =>
        await keys.GetAsync(id, http.RequestAborted) is { } key ? TypedResults.Ok(KeyResponse.From(key)) : NotFound(http, id);

    /// <summary>Revokes at once: the next request with the key answers 401.</summary>
    public static async Task<Results<Ok<KeyResponse>, ProblemHttpResult>> RevokeAsync(string id, HttpContext http, ApiKeyStore keys, TimeProvider time, ILogger<ApiKeyStore> logger)
    {
        if (!await keys.RevokeAsync(id, time.GetUtcNow(), http.RequestAborted))
        {
            return NotFound(http, id);
        }

        logger.LogInformation("API key {KeyId} revoked", id);
        return TypedResults.Ok(KeyResponse.From((await keys.GetAsync(id, http.RequestAborted))!));
    }

    /// <summary>A new secret for the same key (id, role, scope, limits); the old secret stops working at once.</summary>
    public static async Task<Results<Ok<CreatedKeyResponse>, ProblemHttpResult>> RotateAsync(string id, HttpContext http, ApiKeyStore keys, TimeProvider time, ILogger<ApiKeyStore> logger)
    {
        var secret = ApiKeySecret.New();
        if (await keys.RotateAsync(id, ApiKeySecret.HashHex(secret), ApiKeySecret.Display(secret), time.GetUtcNow(), http.RequestAborted) is not { } key)
        {
            return NotFound(http, id);
        }

        logger.LogInformation("API key {KeyId} rotated", id);
        return TypedResults.Ok(CreatedKeyResponse.From(key, secret));
    }

    private static async Task<CreateKeyRequest> ReadAsync(HttpContext http)
    {
        try
        {
            return await JsonSerializer.DeserializeAsync<CreateKeyRequest>(http.Request.Body, JsonSerializerOptions.Web, http.RequestAborted)
                ?? throw new BoilerhouseException(ErrorCodes.InvalidRequest, "The body must be a JSON object.");
        }
        catch (JsonException ex)
        {
            throw new BoilerhouseException(ErrorCodes.InvalidRequest, $"The body is not a valid key request: {ex.Message}");
        }
    }

    private static ProblemHttpResult NotFound(HttpContext http, string id) =>
        Problems.For(http, AccessErrorCodes.KeyNotFound, $"No API key '{(id.Length > 80 ? id[..80] + "..." : id)}' (or it is revoked); GET /api/v1/keys lists the keys.");
}

public sealed record CreateKeyRequest(
    string? Name, string? Role, IReadOnlyList<string>? Tenants, IReadOnlyList<string>? Pools,
    int? RateLimitPerMinute, int? MaxContainers, DateTimeOffset? ExpiresAt);

/// <summary>A key as listed: everything but the secret.</summary>
public sealed record KeyResponse(
    string Id, string Name, string Role, IReadOnlyList<string> Tenants, IReadOnlyList<string> Pools, int? RateLimitPerMinute,
    int? MaxContainers, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt, DateTimeOffset? RotatedAt)
{
    public static KeyResponse From(ApiKeyRecord k) => new(
        k.Id, k.Name, k.Role, ApiKeyLists.Split(k.Tenants), ApiKeyLists.Split(k.Pools), k.RateLimitPerMinute, k.MaxContainers,
        k.Prefix, k.CreatedAt, k.ExpiresAt, k.RevokedAt, k.RotatedAt);
}

/// <summary>A key just created or rotated: the only answer that carries its secret, in "key".</summary>
public sealed record CreatedKeyResponse(
    string Id, string Key, string Name, string Role, IReadOnlyList<string> Tenants, IReadOnlyList<string> Pools,
    int? RateLimitPerMinute, int? MaxContainers, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt)
{
    public static CreatedKeyResponse From(ApiKeyRecord k, string secret) => new(
        k.Id, secret, k.Name, k.Role, ApiKeyLists.Split(k.Tenants), ApiKeyLists.Split(k.Pools), k.RateLimitPerMinute, k.MaxContainers,
        k.CreatedAt, k.ExpiresAt);
}
