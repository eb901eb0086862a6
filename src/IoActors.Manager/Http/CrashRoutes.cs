using IoActors.Manager.Auth;
using IoActors.Manager.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;

namespace IoActors.Manager.Http;

/// <summary>
/// <c>POST /crashes</c>: a crash report as crash reporters upload it, multipart/form-data with text fields and the dump as
/// a file part (Crashpad's <c>upload_file_minidump</c>, or the first file). The whole request is bounded by
/// <c>manager.limits.maxCrashBytes</c> (413 past it), at most 64 fields of at most 4096 characters each. Credentials are
/// checked when sent; crash reporters that send none are accepted (the report names no user then).
/// </summary>
internal static class CrashRoutes
{
    private const int MaxFields = 64;
    private const int MaxFieldChars = 4096;

    public static void Map(IEndpointRouteBuilder api, ManagerContext m)
    {
        api.MapPost("/crashes", async (HttpContext context, CancellationToken ct) =>
        {
            var limit = m.Options.Limits.MaxCrashBytes;
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            {
                size.MaxRequestBodySize = limit;
            }

            if (context.Request.ContentLength > limit)
            {
                throw ManagerException.TooLarge($"the crash report has {context.Request.ContentLength} bytes; manager.limits.maxCrashBytes is {limit}");
            }

            Caller? caller = context.Request.Headers.Authorization.Count > 0 || context.Request.Headers["serverx-token"].Count > 0
                ? await m.CallerAsync(context)
                : null;
            if (!context.Request.HasFormContentType)
            {
                throw ManagerException.BadRequest("a crash report must be multipart/form-data (text fields and the dump as a file part such as upload_file_minidump)");
            }

            context.Features.Set<IFormFeature>(new FormFeature(context.Request, new FormOptions
            {
                MultipartBodyLengthLimit = limit,
                ValueCountLimit = MaxFields,
                ValueLengthLimit = MaxFieldChars,
                KeyLengthLimit = 256,
            }));
            IFormCollection form;
            try
            {
                form = await context.Request.ReadFormAsync(ct);
            }
            catch (Exception e) when (e is InvalidDataException or (IOException and not BadHttpRequestException))
            {
                throw ManagerException.BadRequest($"the crash report's form was refused: {e.Message}");
            }

            var fields = form.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
            if (fields.FirstOrDefault(f => f.Value.Length > MaxFieldChars) is { Key: { } longField, Value: { } longValue })
            {
                // FormOptions.ValueLengthLimit bounds URL-encoded forms only; a multipart field is checked here.
                throw ManagerException.BadRequest($"{Names.Printable(longField)}: {longValue.Length} characters; a crash report's field holds at most {MaxFieldChars}");
            }

            var dump = form.Files.GetFile("upload_file_minidump") ?? form.Files.FirstOrDefault();
            var id = Guid.NewGuid().ToString("N");
            string? file = null;
            if (dump is not null)
            {
                var folder = Path.Combine(m.DataFolder, "crashes");
                Directory.CreateDirectory(folder);
                file = Path.Combine(folder, id + ".dmp");
                await using var target = File.Create(file);
                await dump.CopyToAsync(target, ct);
            }

            var report = new CrashReport(
                id,
                m.Clock.GetUtcNow(),
                caller?.User ?? (fields.TryGetValue("user", out var named) ? named : null),
                caller?.Session,
                fields,
                dump is null ? null : Names.Printable(Path.GetFileName(dump.FileName ?? dump.Name)),
                dump?.Length ?? 0,
                file);
            await m.AskAsync<CrashReport>(m.Reports, new StoreCrash(report), ct);
            return Results.Json(new { id }, ManagerContext.Json, statusCode: StatusCodes.Status201Created);
        });
    }

    internal static object CrashJson(CrashReport c) => new
    {
        id = c.Id,
        receivedAt = c.ReceivedAt,
        user = c.User,
        session = c.Session,
        fields = c.Fields,
        dumpName = c.DumpName,
        dumpSize = c.DumpSize,
    };
}
