using System.Text.Json.Serialization;

namespace Boilerhouse.Functions.Apis;

/// <summary>
/// A text frame of the terminal protocol. Client to server: <c>{"type":"input","data":"ls\n"}</c> and
/// <c>{"type":"resize","cols":120,"rows":40}</c> (binary frames are raw input). Server to client: binary
/// frames are raw output; <c>{"type":"exit","exitCode":0}</c> when the process ended (null when unknown,
/// as when the container went), then a normal close; <c>{"type":"error","message":"..."}</c> for a bad frame.
/// </summary>
public sealed record TerminalMessage(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("data")] string? Data = null,
    [property: JsonPropertyName("cols")] int? Cols = null,
    [property: JsonPropertyName("rows")] int? Rows = null,
    [property: JsonPropertyName("exitCode")] long? ExitCode = null,
    [property: JsonPropertyName("message")] string? Message = null);
