using System.Formats.Tar;
using Boilerhouse.Core.Errors;
using Boilerhouse.Core.Shell;
using Boilerhouse.Core.Workloads;
using Boilerhouse.Docker;
using Boilerhouse.Orchestration.Hosts;
using Boilerhouse.Orchestration.Resources;
using Boilerhouse.Orchestration.Tenants;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Boilerhouse.Functions.Apis;

/// <summary>
/// Files of a tenant's state volume, and nothing else: paths are relative to the volume, links the
/// container planted are refused (<see cref="VolumeWalk"/>), and copies go through a helper container
/// that mounts only that volume, through Docker's archive API (so remote hosts work).
/// </summary>
public static class FilesApi
{
    public const int MaxFileBytes = 64 * 1024 * 1024;
    private const int MaxListing = 10_000;
    private static readonly TimeSpan DeleteTimeout = TimeSpan.FromSeconds(60);

    public static IEndpointRouteBuilder MapFilesApiV1(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/tenants/{tenantId}/files").WithTags("Tenants");
        group.MapGet("", GetAsync)
            .WithDescription("?path=a/b.txt answers the file's bytes; a folder (?path= empty, ending in '/', or ?list=true) answers its entries.")
            .Produces<byte[]>(StatusCodes.Status200OK, "application/octet-stream")
            .ProducesProblems(Codes);
        group.MapPut("", PutAsync)
            .WithDescription("Writes the raw body (any content type, at most 64 MiB) as the file at ?path=, creating missing folders, owned by the workload's user.")
            .ProducesProblems([.. Codes, ErrorCodes.PayloadTooLarge]);
        group.MapDelete("", DeleteAsync)
            .WithDescription("Deletes the file or folder (with its contents) at ?path= (runs rm in the container as its user).")
            .ProducesProblems(Codes);
        return app;
    }

    private static readonly string[] Codes =
    [
        ErrorCodes.InvalidId, ErrorCodes.InvalidRequest, ErrorCodes.PathRefused, ErrorCodes.TenantNotFound, ErrorCodes.ContainerNotFound,
        ErrorCodes.ContainerPathNotFound, ErrorCodes.DockerUnavailable, ErrorCodes.ContainerFailed,
    ];

    public static async Task<Results<FileContentHttpResult, Ok<FileListing>>> GetAsync(
        string tenantId, [FromQuery] string? path, [FromQuery] bool? list, HttpContext http, [AsParameters] FileServices services)
    {
        var (target, volume, at) = await OpenAsync(tenantId, path, services, http.RequestAborted);
        var walk = await VolumeWalk.WalkAsync(target, volume, at, http.RequestAborted);
        switch (walk.Entry)
        {
            case null:
                throw NotFound(at);
            case { Type: VolumeEntryType.Directory }:
                return at.AsFolder || list == true
                    ? TypedResults.Ok(await ListAsync(target, volume, at, http.RequestAborted))
                    : throw new BoilerhouseException(ErrorCodes.InvalidRequest, $"'{at.Relative}' is a folder; list it with ?list=true or a trailing '/'.");
            case { Type: VolumeEntryType.File } when at.AsFolder || list == true:
                throw new BoilerhouseException(ErrorCodes.InvalidRequest, $"'{at.Relative}' is a file, not a folder.");
            case { Type: VolumeEntryType.File, Size: > MaxFileBytes }:
                throw new BoilerhouseException(ErrorCodes.PayloadTooLarge, $"'{at.Relative}' is larger than {MaxFileBytes} bytes; read it with exec or a sync instead.");
            case { Type: VolumeEntryType.File }:
                return TypedResults.File(await ReadFileAsync(target, volume, at, http.RequestAborted), "application/octet-stream", at.Parts[^1]);
            default:
                throw new BoilerhouseException(ErrorCodes.PathRefused, $"'{at.Relative}' is neither a file nor a folder.");
        }
    }

    public static async Task<NoContent> PutAsync(string tenantId, [FromQuery] string? path, HttpContext http, [AsParameters] FileServices services)
    {
        var (target, volume, at) = await OpenAsync(tenantId, path, services, http.RequestAborted);
        if (at.IsRoot || at.AsFolder)
        {
            throw new BoilerhouseException(ErrorCodes.InvalidRequest, "PUT writes a file: ?path= must name one, such as notes/today.txt.");
        }

        var walk = await VolumeWalk.WalkAsync(target, volume, at, http.RequestAborted);
        if (walk.Entry is { Type: not VolumeEntryType.File })
        {
            throw new BoilerhouseException(ErrorCodes.InvalidRequest, $"'{at.Relative}' is a folder; DELETE it first to put a file there.");
        }

        var content = await RequestBody.ReadAsync(http.Request, MaxFileBytes, "file", http.RequestAborted);
        // Only the missing part of the path goes into the tar, so folders that exist keep their owner and mode.
        var folders = Math.Min(walk.Existing, at.Parts.Count - 1);
        var directory = folders == 0 ? volume : $"{volume}/{string.Join('/', at.Parts.Take(folders))}";
        var (uid, gid) = target.Owner(services.Workloads);
        using var tar = TarArchive.Create([new TarFileEntry(string.Join('/', at.Parts.Skip(folders)), content)
        {
            Uid = uid, Gid = gid, ModifiedAt = services.Time.GetUtcNow(),
        }]);
        await target.Shell.WriteVolumeAsync(target.Container.Id, volume, directory, tar, http.RequestAborted);
        return TypedResults.NoContent();
    }

    public static async Task<NoContent> DeleteAsync(string tenantId, [FromQuery] string? path, HttpContext http, [AsParameters] FileServices services)
    {
        var (target, volume, at) = await OpenAsync(tenantId, path, services, http.RequestAborted);
        if (at.IsRoot)
        {
            throw new BoilerhouseException(ErrorCodes.InvalidRequest, "DELETE needs a ?path= inside the state volume; the volume itself stays.");
        }

        var walk = await VolumeWalk.WalkAsync(target, volume, at, http.RequestAborted);
        if (walk.Entry is null)
        {
            throw NotFound(at);
        }

        // Docker has no delete in its archive API; rm as the container's own user can remove nothing the container could not.
        var result = await target.Shell.RunAsync(target.Container.Id, new CommandRequest(["rm", "-rf", "--", at.In(volume)], DeleteTimeout), http.RequestAborted);
        if (result.ExitCode != 0)
        {
            throw new BoilerhouseException(ErrorCodes.ContainerFailed,
                $"Could not delete '{at.Relative}': rm exited with {result.ExitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no code"}: {result.Stderr.Trim()}");
        }

        return TypedResults.NoContent();
    }

    private static async Task<(ShellTarget Target, string Volume, VolumePath Path)> OpenAsync(
        string tenantId, string? path, FileServices services, CancellationToken cancellationToken)
    {
        var at = VolumePath.Parse(path);
        var target = await ShellTarget.OfTenantAsync(tenantId, services.Tenants, services.Finder, services.Hosts, cancellationToken);
        return (target, target.StateVolume(services.Workloads), at);
    }

    private static async Task<byte[]> ReadFileAsync(ShellTarget target, string volume, VolumePath at, CancellationToken cancellationToken)
    {
        await using var archive = await target.Shell.ReadVolumeAsync(target.Container.Id, volume, at.In(volume), cancellationToken);
        await using var reader = new TarReader(archive.Tar);
        var entry = await reader.GetNextEntryAsync(copyData: false, cancellationToken);
        if (entry is not { EntryType: TarEntryType.RegularFile or TarEntryType.V7RegularFile })
        {
            // Checked as a file a moment ago: the container swapped it for something else.
            throw new BoilerhouseException(ErrorCodes.PathRefused, $"'{at.Relative}' is no longer a plain file.");
        }

        using var content = new MemoryStream();
        if (entry.DataStream is { } data)
        {
            await data.CopyToAsync(content, cancellationToken);
        }

        return content.ToArray();
    }

    private static async Task<FileListing> ListAsync(ShellTarget target, string volume, VolumePath at, CancellationToken cancellationToken)
    {
        await using var archive = await target.Shell.ReadVolumeAsync(target.Container.Id, volume, at.In(volume), cancellationToken);
        await using var reader = new TarReader(archive.Tar);
        var entries = new List<FileEntry>();
        string? root = null;
        while (await reader.GetNextEntryAsync(copyData: false, cancellationToken) is { } entry)
        {
            // The first entry is the folder itself ("state/"); its children follow as "state/name".
            root ??= entry.Name.TrimEnd('/') + "/";
            var name = entry.Name.StartsWith(root, StringComparison.Ordinal) ? entry.Name[root.Length..].TrimEnd('/') : "";
            if (name.Length == 0 || name.Contains('/', StringComparison.Ordinal))
            {
                continue;
            }

            entries.Add(new FileEntry(name, TypeOf(entry.EntryType), entry.Length, entry.ModificationTime,
                entry.EntryType == TarEntryType.SymbolicLink ? entry.LinkName : null));
            if (entries.Count == MaxListing)
            {
                break;
            }
        }

        return new FileListing(at.Relative, [.. entries.OrderBy(e => e.Name, StringComparer.Ordinal)], entries.Count == MaxListing);
    }

    private static string TypeOf(TarEntryType type) => type switch
    {
        TarEntryType.RegularFile or TarEntryType.V7RegularFile => "file",
        TarEntryType.Directory => "directory",
        TarEntryType.SymbolicLink => "link",
        _ => "other",
    };

    private static BoilerhouseException NotFound(VolumePath at) =>
        new(ErrorCodes.ContainerPathNotFound, $"'{at.Relative}' does not exist in the tenant's state volume.");
}

/// <summary>What the files endpoints need.</summary>
public sealed record FileServices(TenantStore Tenants, ManagedContainerFinder Finder, DockerHosts Hosts, WorkloadCatalog Workloads, TimeProvider Time);

/// <summary>A folder's entries, by name; links are shown with their target and never followed.</summary>
public sealed record FileListing(string Path, IReadOnlyList<FileEntry> Entries, bool Truncated);

/// <summary>One entry: <see cref="Type"/> is file, directory, link or other.</summary>
public sealed record FileEntry(string Name, string Type, long Size, DateTimeOffset Modified, string? LinkTarget);
