using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Boilerhouse.Core.Containers;
using Boilerhouse.Core.Errors;
using Boilerhouse.Core.Shell;
using Boilerhouse.IntegrationTests.Access;
using Boilerhouse.IntegrationTests.Infrastructure;
using Boilerhouse.Orchestration.Hosts;
using Microsoft.Extensions.DependencyInjection;

namespace Boilerhouse.IntegrationTests.Shell;

/// <summary>GET/PUT/DELETE /api/v1/tenants/{id}/files: inside the state volume only, on the real engine.</summary>
public sealed class FilesTests(ShellFixture fixture) : IClassFixture<ShellFixture>
{
    [Fact]
    public async Task A_file_put_comes_back_byte_for_byte_and_is_the_containers_own()
    {
        // Given every byte value, and more than one tar block
        var (tenant, containerId) = await fixture.ClaimAsync();
        var content = new byte[300_000];
        RandomNumberGenerator.Fill(content);
        for (var i = 0; i < 256; i++)
        {
            content[i] = (byte)i;
        }

        // When it is put into folders that do not exist yet, and read back
        var put = await SendAsync(HttpMethod.Put, tenant, "docs/deep/data.bin", content);
        using var get = await SendAsync(HttpMethod.Get, tenant, "docs/deep/data.bin");

        // Then the bytes are the same, in the container too, owned by the container's user
        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal("application/octet-stream", get.Content.Headers.ContentType?.MediaType);
        Assert.Equal(content, await get.Content.ReadAsByteArrayAsync());
        var inside = await fixture.ShAsync(containerId, "sha256sum /state/docs/deep/data.bin; stat -c '%u:%g' /state/docs /state/docs/deep/data.bin");
        Assert.Contains(Convert.ToHexStringLower(SHA256.HashData(content)), inside, StringComparison.Ordinal);
        Assert.Equal(["65534:65534", "65534:65534"], inside.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1));

        // And a second put replaces the file
        var again = await SendAsync(HttpMethod.Put, tenant, "docs/deep/data.bin", Encoding.UTF8.GetBytes("short"));
        Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
        Assert.Equal("short", await fixture.ShAsync(containerId, "cat /state/docs/deep/data.bin"));
    }

    [Fact]
    public async Task Folders_list_their_entries_and_show_links_without_following_them()
    {
        var (tenant, containerId) = await fixture.ClaimAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(HttpMethod.Put, tenant, "a.txt", Encoding.UTF8.GetBytes("four"))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(HttpMethod.Put, tenant, "sub/b.txt", Encoding.UTF8.GetBytes("b"))).StatusCode);
        await fixture.ShAsync(containerId, "ln -s /etc /state/etc-link");

        var root = await ListAsync(tenant, "");
        var sub = await ListAsync(tenant, "sub/");
        var subByFlag = await ListAsync(tenant, "sub", "&list=true");

        var entries = root["entries"]!.AsArray().Select(e => e!).ToDictionary(e => e.Str("name"));
        Assert.Equal(["a.txt", "etc-link", "sub"], entries.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("file", entries["a.txt"].Str("type"));
        Assert.Equal(4, entries["a.txt"]["size"]!.GetValue<long>());
        Assert.Equal("directory", entries["sub"].Str("type"));
        Assert.Equal("link", entries["etc-link"].Str("type"));
        Assert.Equal("/etc", entries["etc-link"].Str("linkTarget"));
        Assert.Equal(["b.txt"], sub["entries"]!.AsArray().Select(e => e!.Str("name")));
        Assert.Equal(["b.txt"], subByFlag["entries"]!.AsArray().Select(e => e!.Str("name")));
        var (folderAsFile, folderBody) = await SendJsonAsync(HttpMethod.Get, tenant, "sub");
        Assert.Equal(HttpStatusCode.BadRequest, folderAsFile.StatusCode);
        Assert.Equal("INVALID_REQUEST", folderBody["code"]?.ToString());
    }

    [Fact]
    public async Task Paths_that_leave_the_volume_are_refused_for_every_method()
    {
        var (tenant, _) = await fixture.ClaimAsync();
        string[] paths = ["../etc/passwd", "/etc/passwd", "a/../../etc/passwd", "a/..", "./a.txt", "a//b.txt", "a\\..\\b", "../secrets/", "sub/../../x"];

        foreach (var path in paths)
        {
            foreach (var method in new[] { HttpMethod.Get, HttpMethod.Put, HttpMethod.Delete })
            {
                var (response, body) = await SendJsonAsync(method, tenant, path, method == HttpMethod.Put ? "x"u8.ToArray() : null);
                Assert.True(response.StatusCode == HttpStatusCode.BadRequest && body["code"]?.ToString() == ErrorCodes.PathRefused,
                    $"{method} {path}: {(int)response.StatusCode} {body}");
            }
        }
    }

    [Fact]
    public async Task Links_planted_by_the_container_are_never_read_or_written_through()
    {
        // Given links in the state volume to a file, a folder and another volume outside it
        var (tenant, containerId) = await fixture.ClaimAsync();
        await fixture.ShAsync(containerId, "ln -s /etc/passwd /state/passwd; ln -s /etc /state/etc; ln -s /secrets /state/sec; mkdir /state/real; ln -s ../../etc /state/real/up");
        var passwdBefore = await fixture.ShAsync(containerId, "sha256sum /etc/passwd");

        // When / Then: reading through any of them is refused and shows nothing of what is behind
        foreach (var path in new[] { "passwd", "etc/passwd", "etc/", "real/up/passwd", "real/up/", "sec/", "sec/anything" })
        {
            var (response, body) = await SendJsonAsync(HttpMethod.Get, tenant, path);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest && body["code"]?.ToString() == ErrorCodes.PathRefused, $"GET {path}: {(int)response.StatusCode} {body}");
            Assert.DoesNotContain("root:", body.ToJsonString(), StringComparison.Ordinal);
        }

        // And writing or deleting through them is refused and changes nothing behind them
        foreach (var path in new[] { "passwd", "etc/passwd", "etc/planted.txt", "sec/planted.txt", "real/up/planted.txt" })
        {
            foreach (var method in new[] { HttpMethod.Put, HttpMethod.Delete })
            {
                var (response, body) = await SendJsonAsync(method, tenant, path, method == HttpMethod.Put ? "planted"u8.ToArray() : null);
                Assert.True(response.StatusCode == HttpStatusCode.BadRequest && body["code"]?.ToString() == ErrorCodes.PathRefused, $"{method} {path}: {(int)response.StatusCode} {body}");
            }
        }

        Assert.Equal(passwdBefore, await fixture.ShAsync(containerId, "sha256sum /etc/passwd"));
        Assert.Equal("none\n", await fixture.ShAsync(containerId, "ls /etc/planted.txt /secrets/planted.txt 2>/dev/null || echo none"));
        Assert.Equal("/etc/passwd\n", await fixture.ShAsync(containerId, "readlink /state/passwd"));
    }

    [Fact]
    public async Task Copies_go_through_a_helper_that_sees_only_the_state_volume()
    {
        // Given a secret in the container's secrets volume and a link to it in the state volume
        var (_, containerId) = await fixture.ClaimAsync();
        await fixture.Runtime.WriteFilesAsync(containerId, "/secrets", [new ContainerFile("token", "s3cr3t-token"u8.ToArray(), UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead)], 65534, 65534, CancellationToken.None);
        await fixture.ShAsync(containerId, "ln -s /secrets /state/sec; ln -s /etc /state/etc");
        var shell = fixture.App.Services.GetRequiredService<DockerHosts>().Shell("local");

        // When the volume is read and written through the links, past the API's checks (as a link swapped in mid-request would be)
        var read = await Record.ExceptionAsync(async () =>
        {
            await using var archive = await shell.ReadVolumeAsync(containerId, "/state", "/state/sec/token", CancellationToken.None);
            var files = await Boilerhouse.Docker.TarArchive.ReadFilesAsync(archive.Tar, CancellationToken.None);
            Assert.DoesNotContain(files.Values, v => Encoding.UTF8.GetString(v).Contains("s3cr3t", StringComparison.Ordinal));
        });
        using var tar = Boilerhouse.Docker.TarArchive.Create([new Boilerhouse.Docker.TarFileEntry("planted.txt", "planted"u8.ToArray())]);
        var write = await Record.ExceptionAsync(() => shell.WriteVolumeAsync(containerId, "/state", "/state/etc", tar, CancellationToken.None));

        // Then the secret is not there to read (the helper has no secrets volume) and nothing is written outside the volume
        Assert.True(read is BoilerhouseException { Code: ErrorCodes.ContainerPathNotFound }, read?.ToString() ?? "the secret was read");
        Assert.True(write is BoilerhouseException, "a write through a link to /etc succeeded");
        Assert.Equal("none\n", await fixture.ShAsync(containerId, "ls /etc/planted.txt 2>/dev/null || echo none"));
    }

    [Fact]
    public async Task Delete_removes_files_and_folders_and_missing_paths_are_not_found()
    {
        var (tenant, containerId) = await fixture.ClaimAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(HttpMethod.Put, tenant, "x/y/z.txt", "z"u8.ToArray())).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(HttpMethod.Put, tenant, "keep.txt", "k"u8.ToArray())).StatusCode);

        var deleted = await SendAsync(HttpMethod.Delete, tenant, "x");
        var (gone, goneBody) = await SendJsonAsync(HttpMethod.Get, tenant, "x/y/z.txt");
        var (again, againBody) = await SendJsonAsync(HttpMethod.Delete, tenant, "x");
        var (root, rootBody) = await SendJsonAsync(HttpMethod.Delete, tenant, "");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal(ErrorCodes.ContainerPathNotFound, goneBody["code"]?.ToString());
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal(ErrorCodes.ContainerPathNotFound, againBody["code"]?.ToString());
        Assert.Equal(HttpStatusCode.BadRequest, root.StatusCode);
        Assert.Equal("INVALID_REQUEST", rootBody["code"]?.ToString());
        Assert.Equal("keep.txt\n", await fixture.ShAsync(containerId, "ls /state"));
    }

    [Fact]
    public async Task Files_of_an_unclaimed_tenant_are_not_found()
    {
        var (response, body) = await SendJsonAsync(HttpMethod.Get, KeyedApi.Unique("sh-none"), "a.txt");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("TENANT_NOT_FOUND", body["code"]?.ToString());
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string tenant, string path, byte[]? content = null, string query = "")
    {
        using var request = new HttpRequestMessage(method, $"/api/v1/tenants/{tenant}/files?path={Uri.EscapeDataString(path)}{query}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fixture.AdminKey);
        if (content is not null)
        {
            request.Content = new ByteArrayContent(content);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        }

        return await fixture.Api.SendAsync(request);
    }

    private async Task<(HttpResponseMessage Response, JsonNode Body)> SendJsonAsync(HttpMethod method, string tenant, string path, byte[]? content = null, string query = "")
    {
        var response = await SendAsync(method, tenant, path, content, query);
        var text = await response.Content.ReadAsStringAsync();
        var json = response.Content.Headers.ContentType?.MediaType?.EndsWith("json", StringComparison.Ordinal) == true;
        return (response, json && text.Length > 0 ? JsonNode.Parse(text)! : new JsonObject { ["raw"] = text });
    }

    private async Task<JsonNode> ListAsync(string tenant, string path, string query = "")
    {
        var (response, body) = await SendJsonAsync(HttpMethod.Get, tenant, path, null, query);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"listing '{path}': {(int)response.StatusCode} {body}");
        return body;
    }
}
