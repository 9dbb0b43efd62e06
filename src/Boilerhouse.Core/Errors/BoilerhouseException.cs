namespace Boilerhouse.Core.Errors;

/// <summary>An error with a stable machine-readable code and a message a person can act on.</summary>
public class BoilerhouseException(string code, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public string Code { get; } = code;
}
