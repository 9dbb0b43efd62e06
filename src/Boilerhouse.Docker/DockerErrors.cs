using System.Net;
using Boilerhouse.Core.Errors;
using Docker.DotNet;
using Newtonsoft.Json.Linq;

namespace Boilerhouse.Docker;

/// <summary>Turns the engine's refusals (4xx/5xx answers) into Boilerhouse errors.</summary>
internal static class DockerErrors
{
    /// <summary>The engine's own sentence from its JSON error body, or the raw body.</summary>
    public static string MessageOf(DockerApiException e)
    {
        var body = e.ResponseBody;
        if (string.IsNullOrWhiteSpace(body))
        {
            return e.StatusCode.ToString();
        }

        try
        {
            return JObject.Parse(body).Value<string>("message") ?? body.Trim();
        }
        catch (Newtonsoft.Json.JsonException)
        {
            return body.Trim();
        }
    }

    public static bool IsNoSuchContainer(DockerApiException e) =>
        e.StatusCode == HttpStatusCode.NotFound
        && MessageOf(e).Contains("No such container", StringComparison.OrdinalIgnoreCase);

    public static BoilerhouseException ContainerFailed(string operation, string container, DockerApiException e) =>
        IsNoSuchContainer(e)
            ? NotFound(container)
            : new BoilerhouseException(ErrorCodes.ContainerFailed, $"Docker refused to {operation} for container {container}: {MessageOf(e)}", e);

    public static BoilerhouseException NotFound(string container) =>
        new(ErrorCodes.ContainerNotFound, $"Container {container} does not exist on this Docker host.");
}
