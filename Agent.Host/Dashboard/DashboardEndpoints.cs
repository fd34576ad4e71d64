namespace Agent.Host.Dashboard;

internal static class DashboardEndpoints
{
    /// <summary>Serves the browser dashboard from <c>wwwroot</c> at <c>/</c>.</summary>
    public static WebApplication MapDashboard(this WebApplication app)
    {
        app.UseDefaultFiles();
        app.UseStaticFiles();
        return app;
    }
}
