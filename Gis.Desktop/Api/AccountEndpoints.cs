using System.Globalization;
using System.Net;
using System.Text.Encodings.Web;

namespace Gis.Desktop.Api;

/// <summary>
/// The sign-in page (Thai and English side by side, a plain form that works without the page's script), its form,
/// and sign-out. The form is exempt from the anti-forgery header, which a page without a session cannot have; a
/// browser's form from another site is refused by its Origin instead (<see cref="DesktopSecurity"/>).
/// </summary>
internal static class AccountEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/signin", () => Page(StatusCodes.Status200OK, "", null));
        app.MapPost("/signin", async (HttpContext context, AccountSignIn signIn, AccountSessions sessions) =>
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            var name = form["name"].ToString().Trim();
            var password = form["password"].ToString();
            if (name.Length == 0 || password.Length == 0)
                return Page(StatusCodes.Status400BadRequest, name, ("กรอกชื่อบัญชีและรหัสผ่าน", "Enter your account name and password."));
            var outcome = await signIn.SignInAsync(name, password, context.Connection.RemoteIpAddress ?? IPAddress.None,
                context.RequestAborted);
            if (outcome.Account is { } account)
            {
                await sessions.StartAsync(context, account);
                return Results.Redirect("/", preserveMethod: false);
            }
            if (outcome.RetryAfter is { } wait)
            {
                var minutes = Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes)).ToString(CultureInfo.InvariantCulture);
                context.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                return Page(StatusCodes.Status429TooManyRequests, name, ($"ใส่รหัสผ่านผิดหลายครั้ง ระงับการเข้าสู่ระบบไว้ {minutes} นาที",
                    $"Too many wrong passwords: signing in is suspended for {minutes} min."));
            }
            return Page(StatusCodes.Status401Unauthorized, name, ("ชื่อบัญชีหรือรหัสผ่านไม่ถูกต้อง", "Wrong account name or password."));
        });
        app.MapPost("/api/signout", async (HttpContext context, AccountSessions sessions) =>
        {
            await sessions.EndAsync(context);
            return Results.NoContent();
        });
    }

    private static IResult Page(int status, string name, (string Th, string En)? message)
    {
        var html = HtmlEncoder.Default;
        var error = message is var (th, en)
            ? $"""<p id="signin-error" role="alert"><span lang="th">{html.Encode(th)}</span><br>""" +
                $"""<span lang="en">{html.Encode(en)}</span></p>"""
            : "";
        return Results.Content($$"""
            <!doctype html>
            <html lang="th">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>เข้าสู่ระบบ · Sign in</title>
            <style>
            body { font-family: 'Noto Sans Thai', 'Sarabun', sans-serif; background: #eef2ee; display: grid; place-items: center;
              min-height: 100vh; margin: 0; }
            form { background: #fff; padding: 2em; border-radius: 8px; box-shadow: 0 2px 8px #0002; width: 22em; }
            h1 { font-size: 1.3em; margin-top: 0; } label { display: block; margin: 1em 0 0.3em; }
            input { width: 100%; box-sizing: border-box; padding: 0.5em; font-size: 1em; }
            button { margin-top: 1.5em; width: 100%; padding: 0.6em; font-size: 1em; background: #2e6b34; color: #fff; border: 0;
              border-radius: 4px; }
            #signin-error { color: #a40000; } .en { color: #555; font-size: 0.9em; }
            </style>
            </head>
            <body>
            <form id="signin" method="post" action="/signin">
            <h1>เข้าสู่ระบบ <span class="en" lang="en">Sign in</span></h1>
            {{error}}
            <label for="name">ชื่อบัญชี <span class="en" lang="en">Account name</span></label>
            <input id="name" name="name" autocomplete="username" autocapitalize="none" required value="{{html.Encode(name)}}">
            <label for="password">รหัสผ่าน <span class="en" lang="en">Password</span></label>
            <input id="password" name="password" type="password" autocomplete="current-password" required>
            <button id="signin-submit" type="submit">เข้าสู่ระบบ · Sign in</button>
            </form>
            </body>
            </html>
            """, "text/html; charset=utf-8", statusCode: status);
    }
}
