using Gis.Importers.Accounts;
using Microsoft.Extensions.Logging;

namespace Gis.Desktop.Api;

/// <summary>Bad input to an endpoint, answered 400 with the message; thrown by endpoint code that checks arguments.</summary>
public sealed class ApiInputException(string message) : Exception(message);

/// <summary>
/// Turns failures into JSON answers the page can show: <c>{ "error": "..." }</c> with 400 for bad input (unparsable
/// values, <see cref="ApiInputException"/>, <see cref="FormatException"/>, <see cref="ArgumentException"/>, an account
/// change <see cref="AccountException"/> refuses), 409
/// when the store refuses (<see cref="StoreException"/>: e.g. nothing imported yet), 503 when the database is down or
/// went away (<see cref="StoreFailure.IsUnavailable"/>), 500 otherwise (logged).
/// </summary>
/// <remarks>
/// After a database restart the pool still holds connections to the old server process, which fail on first use: on
/// such a failure the pool's idle connections are dropped and a GET is answered once more with fresh ones, so the
/// first request after a restart already succeeds. (Only a GET: it changes nothing, so running it twice is safe.)
/// </remarks>
internal sealed class ApiErrors(RequestDelegate next, ILogger<ApiErrors> logger, GisStore store)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            try
            {
                await next(context);
            }
            catch (Exception e) when (StoreFailure.IsUnavailable(e) && !context.Response.HasStarted)
            {
                store.DataSource.Clear();
                if (!HttpMethods.IsGet(context.Request.Method))
                    throw;
                await next(context);
            }
        }
        catch (Exception e) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            if (StoreFailure.IsUnavailable(e))
            {
                store.DataSource.Clear();
                logger.LogWarning("{Method} {Path}: the database is unavailable: {Reason}", context.Request.Method, context.Request.Path,
                    e.Message);
                await Write(context, StatusCodes.Status503ServiceUnavailable,
                    "the database is not available (" + e.Message + "): start it (gis db start) and try again");
                return;
            }
            var status = e switch
            {
                BadHttpRequestException or ApiInputException or FormatException or ArgumentException or AccountException
                    => StatusCodes.Status400BadRequest,
                StoreException => StatusCodes.Status409Conflict,
                _ => StatusCodes.Status500InternalServerError,
            };
            if (status == StatusCodes.Status500InternalServerError)
                logger.LogError(e, "{Method} {Path} failed", context.Request.Method, context.Request.Path);
            await Write(context, status, status == StatusCodes.Status500InternalServerError ? "internal error: " + e.Message : e.Message);
        }
    }

    /// <summary>Writes <c>{ "error": message }</c> with <paramref name="status"/>.</summary>
    public static Task Write(HttpContext context, int status, string message)
    {
        context.Response.Clear();
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new ErrorBody(message));
    }

    /// <summary>The error answer's shape.</summary>
    internal sealed record ErrorBody(string Error);
}
