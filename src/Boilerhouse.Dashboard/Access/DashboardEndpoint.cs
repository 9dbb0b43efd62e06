namespace Boilerhouse.Dashboard.Access;

/// <summary>
/// Marks the dashboard's endpoints (pages, its Blazor hub, sign-in, static files). They sit outside
/// the API's key-per-request rules: the dashboard signs users in with a cookie and checks roles itself.
/// </summary>
public sealed class DashboardEndpoint
{
    public static readonly DashboardEndpoint Instance = new();

    private DashboardEndpoint()
    {
    }
}
