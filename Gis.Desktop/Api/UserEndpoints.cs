using Gis.Importers.Accounts;

namespace Gis.Desktop.Api;

/// <summary>
/// The admin's accounts page (ADR 0042): list, add, disable or enable, reset a password, set a role, through the same
/// <see cref="AccountStore"/> and <see cref="AccountPasswords"/> as <c>gis users</c>, with the same refusals (the last
/// admin who can sign in cannot be disabled or demoted). Admin-only on the server (<see cref="AccountAccess"/>).
/// A password travels in the body only and is never answered, logged or stored as typed.
/// </summary>
internal static class UserEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        // A refusal of AccountStore (a taken name, the last admin, no such account) is answered 400 by ApiErrors.
        var users = app.MapGroup("/api");
        users.MapGet("/users", async (GisStore store, CancellationToken ct) =>
            (await new AccountStore(store).ListAsync(ct)).Select(a => new AccountJson(a.Name, a.DisplayName, AccountRoles.ToText(a.Role),
                a.Disabled, a.FailedAttempts, a.LockedUntil, a.CreatedAt, a.UpdatedAt)));
        users.MapPost("/users", async (GisStore store, NewAccountBody body, CancellationToken ct) =>
        {
            var name = AccountStore.NormalizeName(body.Name ?? "");
            var hash = AccountPasswords.Hash(body.Password ?? "");
            await new AccountStore(store).AddAsync(name, body.DisplayName ?? name, Role(body.Role), hash, ct);
            return Results.Json(new { name }, statusCode: StatusCodes.Status201Created);
        });
        users.MapPut("/users/{name}/role", async (GisStore store, string name, ChangeBody body, CancellationToken ct) =>
        {
            await new AccountStore(store).SetRoleAsync(name, Role(body.Role), ct);
            return Results.NoContent();
        });
        users.MapPut("/users/{name}/disabled", async (GisStore store, string name, ChangeBody body, CancellationToken ct) =>
        {
            await new AccountStore(store).SetDisabledAsync(name,
                body.Disabled ?? throw new ApiInputException("disabled is missing: true or false."), ct);
            return Results.NoContent();
        });
        users.MapPut("/users/{name}/password", async (GisStore store, string name, ChangeBody body, CancellationToken ct) =>
        {
            await new AccountStore(store).SetPasswordAsync(name, AccountPasswords.Hash(body.Password ?? ""), ct);
            return Results.NoContent();
        });
    }

    private static AccountRole Role(string? text) => AccountRoles.Parse(text ?? "");

    internal sealed record AccountJson(string Name, string DisplayName, string Role, bool Disabled, int FailedAttempts,
        DateTimeOffset? LockedUntil, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

    internal sealed record NewAccountBody(string? Name, string? DisplayName, string? Role, string? Password);

    internal sealed record ChangeBody(string? Role, bool? Disabled, string? Password);
}
