using System.Text.Json;
using CitizenBot.Channels.Activities;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace CitizenBot.Channels.DirectLine;

/// <summary>
/// <c>POST …/upload</c>: DirectLineJS sends every message with attachments here as multipart — a part
/// <c>activity</c> (the JSON, attachments without <c>contentUrl</c>) then one part <c>file</c> per attachment, in
/// order. Only images are kept, and only as <see cref="IDirectLineImageSanitizer"/> re-encoded them (no
/// EXIF, no GPS, nothing of the original file); the echo gets an absolute <c>contentUrl</c> under the conversation,
/// keeps <c>thumbnailUrl</c>, and carries the GPS position the photo had (if any) in the attachment's <c>content</c>.
/// </summary>
internal static class DirectLineUploadApi
{
    private const string ActivityPart = "activity";
    private const string FilePart = "file";

    // Room for multipart boundaries and part headers on top of the content limits.
    private const long MultipartOverheadBytes = 64 * 1024;

    public static async Task<IResult> UploadAsync(
        string conversationId,
        string? userId,
        HttpRequest request,
        DirectLineAuthenticator authenticator,
        DirectLineLimits limits,
        IDirectLineConversationStore store,
        DirectLineAddressing addressing,
        DirectLineTurnRunner runner,
        DirectLineUploadFolder folder,
        IOptions<DirectLineOptions> options,
        CancellationToken cancellationToken)
    {
        var (access, error) = await authenticator.OpenAsync(request, conversationId, cancellationToken).ConfigureAwait(false);
        if (access is null)
        {
            return error!;
        }

        if (await limits.ThrottleAsync(request.HttpContext, access.Conversation, cancellationToken).ConfigureAwait(false) is { } throttled)
        {
            return Unread(request, throttled);
        }

        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value is not { Length: > 0 } boundary)
        {
            return Unread(request, DirectLineErrors.NotMultipart());
        }

        var settings = options.Value;
        var requestLimit = (settings.MaxUploadBytes * settings.MaxUploadFiles) + settings.MaxActivityBytes + MultipartOverheadBytes;
        if (request.ContentLength > requestLimit)
        {
            return Unread(request, DirectLineErrors.FileTooLarge(settings.MaxUploadBytes));
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = requestLimit;
        }

        var conversationIdOfFiles = access.Conversation.Id;
        var saved = new List<(StoredUpload Upload, string? FileName)>();
        IResult? refusal;
        try
        {
            var (activity, partsError) = await ReadPartsAsync(request, boundary, conversationIdOfFiles, folder, settings, saved, cancellationToken).ConfigureAwait(false);
            if (partsError is null)
            {
                activity ??= new Activity { Type = ActivityTypes.Message };
                activity.From ??= string.IsNullOrWhiteSpace(userId) ? null : new ChannelAccount(userId);
                AttachUploads(activity, saved, DirectLineApi.BaseUrl(request), conversationIdOfFiles);
                if (access.Grant is { } grant && ReadBearer(request) is { } bearer)
                {
                    // The page shows what it just sent: its <img> requests need the attachment cookie.
                    AttachmentCookie.Set(request, grant.ConversationId, new DirectLineIssuedToken(bearer, (int)settings.TokenLifetime.TotalSeconds));
                }

                var (result, resent) = await DirectLineApi.AcceptOnceAsync(access, activity, store, addressing, runner, cancellationToken).ConfigureAwait(false);
                if (resent)
                {
                    // The first upload's files are the ones the conversation shows; these copies would be orphans.
                    DeleteAll(folder, conversationIdOfFiles, saved);
                }

                return result;
            }

            refusal = partsError;
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            refusal = DirectLineErrors.FileTooLarge(settings.MaxUploadBytes);
        }
        catch (InvalidDataException)
        {
            refusal = DirectLineErrors.NotMultipart();
        }
        catch
        {
            DeleteAll(folder, conversationIdOfFiles, saved);
            throw;
        }

        DeleteAll(folder, conversationIdOfFiles, saved);
        await limits.TellAsync(access.Conversation, settings.UploadRefusedText, cancellationToken).ConfigureAwait(false);
        await limits.HoldAsync(TimeSpan.MaxValue, cancellationToken).ConfigureAwait(false);
        return Unread(request, refusal);
    }

    /// <summary>
    /// A refusal sent before the body was read. Kestrel would read and discard the rest of a body to keep the
    /// connection (up to five seconds of it: 80 MB of nine 10 MB files, at loopback speed); past
    /// <see cref="DirectLineDefaults.MaxDrainedBytes"/> the connection is closed after the answer instead.
    /// </summary>
    private static IResult Unread(HttpRequest request, IResult refusal) =>
        request.ContentLength is null or > DirectLineDefaults.MaxDrainedBytes ? new ClosingResult(refusal) : refusal;

    private sealed class ClosingResult(IResult refusal) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.Connection = "close";
            await refusal.ExecuteAsync(httpContext).ConfigureAwait(false);
            await httpContext.Response.CompleteAsync().ConfigureAwait(false);
            httpContext.Abort();
        }
    }

    /// <summary>
    /// An uploaded image, only to a holder of a valid token for its own conversation (header, or the attachment
    /// cookie the page's image requests carry): 401 without one, 404 for any other conversation or file.
    /// </summary>
    public static async Task<IResult> ServeAttachmentAsync(
        string conversationId, string fileName, HttpRequest request, DirectLineTokens tokens, IDirectLineConversationStore store, DirectLineUploadFolder folder, CancellationToken cancellationToken)
    {
        var bearer = ReadBearer(request) ?? request.Cookies[DirectLineDefaults.AttachmentCookie];
        if (string.IsNullOrEmpty(bearer))
        {
            return TypedResults.Unauthorized();
        }

        var check = await tokens.VerifyAsync(bearer).ConfigureAwait(false);
        if (check.Status != DirectLineTokenStatus.Valid && !tokens.IsSecret(bearer))
        {
            return TypedResults.Unauthorized();
        }

        if (check.Grant is { } grant && !string.Equals(grant.ConversationId, conversationId, StringComparison.Ordinal))
        {
            return TypedResults.NotFound();
        }

        if (await store.FindAsync(conversationId, cancellationToken).ConfigureAwait(false) is not { Erased: false }
            || folder.Find(conversationId, fileName) is not { } file)
        {
            return TypedResults.NotFound();
        }

        // The bytes are the re-encoded image of this type; never let a browser guess otherwise, and never let a shared
        // cache keep a citizen's photo.
        request.HttpContext.Response.Headers.XContentTypeOptions = "nosniff";
        request.HttpContext.Response.Headers.CacheControl = "private, max-age=3600";
        return TypedResults.PhysicalFile(file.Path, file.Kind.MediaType);
    }

    private static string? ReadBearer(HttpRequest request)
    {
        const string Scheme = "Bearer ";
        var value = request.Headers.Authorization.ToString();
        return value.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) ? value[Scheme.Length..].Trim() : null;
    }

    private static async Task<(Activity? Activity, IResult? Error)> ReadPartsAsync(
        HttpRequest request,
        string boundary,
        string conversationId,
        DirectLineUploadFolder folder,
        DirectLineOptions settings,
        List<(StoredUpload Upload, string? FileName)> saved,
        CancellationToken cancellationToken)
    {
        Activity? activity = null;
        var reader = new MultipartReader(boundary, request.Body);
        while (await reader.ReadNextSectionAsync(cancellationToken).ConfigureAwait(false) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
            {
                continue;
            }

            var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value;
            if (string.Equals(name, ActivityPart, StringComparison.Ordinal))
            {
                var json = await BoundedBody.ReadAsync(request, section.Body, settings.MaxActivityBytes, cancellationToken).ConfigureAwait(false);
                if (json is null)
                {
                    return (null, DirectLineErrors.ActivityTooLarge(settings.MaxActivityBytes));
                }

                (activity, var parseError) = DirectLineApi.ParseActivity(json);
                if (parseError is not null)
                {
                    return (null, parseError);
                }
            }
            else if (string.Equals(name, FilePart, StringComparison.Ordinal))
            {
                if (saved.Count == settings.MaxUploadFiles)
                {
                    return (null, DirectLineErrors.TooManyFiles(settings.MaxUploadFiles));
                }

                var (upload, rejection) = await folder.SaveAsync(conversationId, section.Body, cancellationToken).ConfigureAwait(false);
                switch (rejection)
                {
                    case UploadRejection.NotAnImage:
                        return (null, DirectLineErrors.NotAnImage());
                    case UploadRejection.TooLarge:
                        return (null, DirectLineErrors.FileTooLarge(settings.MaxUploadBytes));
                    case UploadRejection.TooManyPixels:
                        return (null, DirectLineErrors.TooManyPixels());
                    case UploadRejection.ConversationQuota:
                        return (null, DirectLineErrors.UploadQuota());
                    case UploadRejection.StorageFull:
                        return (null, DirectLineErrors.StorageFull());
                    case UploadRejection.Empty:
                        return (null, DirectLineErrors.NoFiles());
                    case UploadRejection.Busy:
                        request.HttpContext.Response.Headers.RetryAfter = "5";
                        return (null, DirectLineErrors.DecoderBusy());
                }

                saved.Add((upload!, HeaderUtilities.RemoveQuotes(disposition.FileName).Value));
            }
        }

        return saved.Count == 0 ? (null, DirectLineErrors.NoFiles()) : (activity, null);
    }

    /// <summary>
    /// The n-th file fills the n-th attachment: its real type, its URL under the conversation, and the GPS position the
    /// original carried (what the client put in <c>content</c> is replaced: only the server read the photo).
    /// </summary>
    private static void AttachUploads(Activity activity, List<(StoredUpload Upload, string? FileName)> saved, string baseUrl, string conversationId)
    {
        var attachments = activity.Attachments ??= [];
        for (var i = 0; i < saved.Count; i++)
        {
            if (i == attachments.Count)
            {
                attachments.Add(new Attachment());
            }

            var (upload, fileName) = saved[i];
            var attachment = attachments[i];
            attachment.ContentType = upload.Kind.MediaType;
            attachment.ContentUrl = $"{baseUrl}/conversations/{Uri.EscapeDataString(conversationId)}/attachments/{upload.FileName}";
            attachment.Name ??= fileName;
            attachment.Content = upload.Gps is { } gps
                ? JsonSerializer.SerializeToElement(new UploadContent(new UploadGps(gps.Latitude, gps.Longitude, gps.Crs)), DirectLineJson.Default.UploadContent)
                : null;
        }
    }

    private static void DeleteAll(DirectLineUploadFolder folder, string conversationId, List<(StoredUpload Upload, string? FileName)> saved)
    {
        foreach (var (upload, _) in saved)
        {
            folder.Delete(conversationId, upload);
        }
    }
}
