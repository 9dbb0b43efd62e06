using Boilerhouse.Core.Errors;
using Microsoft.AspNetCore.Mvc;

namespace Boilerhouse.Functions.Apis;

/// <summary>
/// Declares an endpoint's problem answers by the error codes it can give, so the OpenAPI document
/// shows the same statuses <see cref="Problems.StatusFor"/> answers with. Every endpoint can also
/// answer 500 (ErrorHandling turns an unexpected error into INTERNAL_ERROR).
/// </summary>
public static class ProblemAnswers
{
    public static TBuilder ProducesProblems<TBuilder>(this TBuilder builder, params string[] codes)
        where TBuilder : IEndpointConventionBuilder
    {
        foreach (var status in codes.Append(ErrorCodes.Internal).Select(Problems.StatusFor).Distinct().Order())
        {
            builder.WithMetadata(new ProducesResponseTypeMetadata(status, typeof(ProblemDetails), ["application/problem+json"]));
        }

        return builder;
    }
}
