using Microsoft.Extensions.Logging;

namespace Gis.Desktop.Api;

/// <summary>Bad input to an endpoint, answered 400 with the message; thrown by endpoint code that checks arguments.</summary>
public sealed class ApiInputException(string message) : Exception(message);

/// <summary>
/// Turns failures into JSON answers the page can show: <c>{ "error": "..." }</c> with 400 for bad input (unparsable
/// values, <see cref="ApiInputException"/>, <see cref="FormatException"/>, <see cref="ArgumentException"/>), 409
/// when the store refuses (<see cref="StoreException"/>: e.g. nothing imported yet), 500 otherwise (logged).
/// </summary>
internal sealed class ApiErrors(RequestDelegate next, ILogger<ApiErrors> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (Exception e) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            var status = e switch
            {
                BadHttpRequestException or ApiInputException or FormatException or ArgumentException => StatusCodes.Status400BadRequest,
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
