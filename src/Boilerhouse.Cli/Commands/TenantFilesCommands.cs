using System.CommandLine;
using Boilerhouse.Cli.Output;

namespace Boilerhouse.Cli.Commands;

/// <summary><c>boilerhouse tenants files ls|get|put|rm TENANT PATH</c>: files of the tenant's state volume, paths relative to it.</summary>
internal static class TenantFilesCommands
{
    public static Command Create(CliSession session, Argument<string> tenantId)
    {
        var files = new Command("files", "Files of a tenant's state volume (paths relative to it)");
        var folder = new Argument<string>("path") { Description = "A folder (default: the volume's root)", DefaultValueFactory = _ => "" };
        files.Subcommands.Add(new Command("ls", "Lists a folder").With(tenantId, folder).Run(session, async (cli, ct) =>
        {
            var listing = await cli.Client.ListFilesAsync(cli.Value(tenantId)!, cli.Value(folder) ?? "", ct);
            cli.Write(listing, output =>
            {
                var table = new TextTable("TYPE", "SIZE", "MODIFIED", "NAME");
                foreach (var e in listing.Entries)
                {
                    table.Add(e.Type, e.Size, e.Modified, e.LinkTarget is { } target ? $"{e.Name} -> {target}" : e.Name);
                }

                table.WriteTo(output);
                if (listing.Truncated)
                {
                    output.WriteLine("(only the first 10000 entries)");
                }
            });
        }));

        var path = new Argument<string>("path") { Description = "The file, e.g. notes/today.txt" };
        var outputFile = new Option<string?>("--output", "-o") { Description = "Write the bytes to this file instead of stdout" };
        files.Subcommands.Add(new Command("get", "Reads a file: its bytes to stdout or --output (--json: base64 in contentBase64)").With(tenantId, path, outputFile).Run(session, async (cli, ct) =>
        {
            var bytes = await cli.Client.GetFileAsync(cli.Value(tenantId)!, cli.Value(path)!, ct);
            if (cli.Value(outputFile) is { } file)
            {
                await File.WriteAllBytesAsync(file, bytes, ct);
                if (cli.Json)
                {
                    JsonOutput.Write(cli.Out, new { path = cli.Value(path), bytes = bytes.Length, file });
                }
            }
            else if (cli.Json)
            {
                // JSON cannot carry raw bytes: scripts get them as base64.
                JsonOutput.Write(cli.Out, new { path = cli.Value(path), bytes = bytes.Length, contentBase64 = Convert.ToBase64String(bytes) });
            }
            else if (cli.Console.OpenStandardStream is { } open)
            {
                await using var stdout = open(CliStream.Out);
                await stdout.WriteAsync(bytes, ct);
            }
            else
            {
                await cli.Out.WriteAsync(System.Text.Encoding.UTF8.GetString(bytes));
            }
        }));

        var source = new Argument<string>("source") { Description = "The local file to upload, or - for stdin" };
        files.Subcommands.Add(new Command("put", "Writes a local file (or stdin) as the file at path, creating folders").With(tenantId, path, source).Run(session, async (cli, ct) =>
        {
            var content = await ReadSourceAsync(cli, cli.Value(source)!, ct);
            await cli.Client.PutFileAsync(cli.Value(tenantId)!, cli.Value(path)!, content, ct);
            cli.Write(new { path = cli.Value(path), bytes = content.Length }, output => output.WriteLine($"Wrote {cli.Value(path)} ({content.Length} bytes)"));
        }));

        files.Subcommands.Add(new Command("rm", "Deletes a file, or a folder with its contents").With(tenantId, path).Run(session, async (cli, ct) =>
        {
            await cli.Client.DeleteFileAsync(cli.Value(tenantId)!, cli.Value(path)!, ct);
            cli.Write(new { path = cli.Value(path), deleted = true }, output => output.WriteLine($"Deleted {cli.Value(path)}"));
        }));
        return files;
    }

    private static async Task<byte[]> ReadSourceAsync(CliContext cli, string source, CancellationToken cancellationToken)
    {
        if (source != "-")
        {
            return File.Exists(source)
                ? await File.ReadAllBytesAsync(source, cancellationToken)
                : throw new CliUsageException($"'{source}' is not a file (give - to read stdin).");
        }

        var open = cli.Console.OpenStandardStream ?? throw new CliUsageException("This console has no stdin to read; give a file.");
        await using var stdin = open(CliStream.In);
        using var buffer = new MemoryStream();
        await stdin.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }
}
