using System.Net;
using System.Security.Cryptography;
using System.Text;
using Hangfire.Dashboard;
using Microsoft.Extensions.Options;

namespace CitizenBot.Bot.Hosting;

/// <summary>
/// Basic authentication against <c>Ops:User</c>/<c>Ops:Password</c> (constant-time compare); with no credentials
/// configured, loopback requests only. Serve it over HTTPS beyond loopback: Basic sends the password in every request.
/// Repeated wrong passwords from one address lock it out for a while (<see cref="LoginThrottle"/>).
/// </summary>
internal sealed class DashboardAuthorization(IOptions<JobsDashboardOptions> options, LoginThrottle throttle) : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context)
    {
        var http = context.GetHttpContext();
        var settings = options.Value;
        if (string.IsNullOrEmpty(settings.User) || string.IsNullOrEmpty(settings.Password))
        {
            return http.Connection.RemoteIpAddress is { } remote && IPAddress.IsLoopback(remote);
        }

        var client = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (throttle.IsLocked(client))
        {
            // Locked out: refused (403) without looking at the password.
            return false;
        }

        var header = http.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            if (Matches(header["Basic ".Length..].Trim(), settings))
            {
                throttle.Succeed(client);
                return true;
            }

            throttle.Fail(client);
        }

        http.Response.Headers.WWWAuthenticate = "Basic realm=\"CitizenBot ops\", charset=\"UTF-8\"";
        return false;
    }

    private static bool Matches(string encoded, JobsDashboardOptions settings)
    {
        byte[] given;
        try
        {
            given = Convert.FromBase64String(encoded);
        }
        catch (FormatException)
        {
            return false;
        }

        var expected = Encoding.UTF8.GetBytes($"{settings.User}:{settings.Password}");
        // Hash both sides first so the compare takes the same time whatever the lengths.
        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(given), SHA256.HashData(expected));
    }
}
