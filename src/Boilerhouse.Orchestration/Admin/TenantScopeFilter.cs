using System.Linq.Expressions;

namespace Boilerhouse.Orchestration.Admin;

/// <summary>"tenant id is one of these, or starts with one of these prefixes" (entries ending in '*'), as SQL the provider runs.</summary>
internal static class TenantScopeFilter
{
    public static Expression<Func<T, bool>> Matching<T>(IReadOnlyList<string> entries, Expression<Func<T, string>> tenantId)
    {
        var exact = entries.Where(e => !e.EndsWith('*')).ToList();
        Expression body = Expression.Call(Expression.Constant(exact), typeof(List<string>).GetMethod(nameof(List<string>.Contains))!, tenantId.Body);
        var startsWith = typeof(string).GetMethod(nameof(string.StartsWith), [typeof(string)])!;
        foreach (var prefix in entries.Where(e => e.EndsWith('*')))
        {
            body = Expression.OrElse(body, Expression.Call(tenantId.Body, startsWith, Expression.Constant(prefix[..^1])));
        }

        return Expression.Lambda<Func<T, bool>>(body, tenantId.Parameters[0]);
    }
}
