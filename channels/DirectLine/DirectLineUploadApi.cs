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
/// order (brief §2). Only real images are kept; the echo gets an absolute <c>contentUrl</c> and keeps <c>thumbnailUrl</c>.
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

        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value is not { Length: > 0 } boundary)
        {
            return DirectLineErrors.NotMultipart();
        }

        var settings = options.Value;
        var requestLimit = (settings.MaxUploadBytes * settings.MaxUploadFiles) + settings.MaxActivityBytes + MultipartOverheadBytes;
        if (request.ContentLength > requestLimit)
        {
            return DirectLineErrors.FileTooLarge(settings.MaxUploadBytes);
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = requestLimit;
        }

        var saved = new List<(StoredUpload Upload, string? FileName)>();
        try
        {
            var (activity, partsError) = await ReadPartsAsync(request, boundary, folder, settings, saved, cancellationToken).ConfigureAwait(false);
            if (partsError is not null)
            {
                DeleteAll(folder, saved);
                return partsError;
            }

            activity ??= new Activity { Type = ActivityTypes.Message };
            activity.From ??= string.IsNullOrWhiteSpace(userId) ? null : new ChannelAccount(userId);
            AttachUploads(activity, saved, DirectLineApi.BaseUrl(request));
            return await DirectLineApi.AcceptAsync(access, activity, store, addressing, runner, cancellationToken).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            DeleteAll(folder, saved);
            return DirectLineErrors.FileTooLarge(settings.MaxUploadBytes);
        }
        catch (InvalidDataException)
        {
            DeleteAll(folder, saved);
            return DirectLineErrors.NotMultipart();
        }
        catch
        {
            DeleteAll(folder, saved);
            throw;
        }
    }

    public static IResult ServeAttachment(string fileName, HttpResponse response, DirectLineUploadFolder folder)
    {
        if (folder.Find(fileName) is not { } file)
        {
            return TypedResults.NotFound();
        }

        // The bytes were checked to be this image type; never let a browser guess otherwise.
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.CacheControl = "private, max-age=86400";
        return TypedResults.PhysicalFile(file.Path, file.Kind.MediaType);
    }

    private static async Task<(Activity? Activity, IResult? Error)> ReadPartsAsync(
        HttpRequest request,
        string boundary,
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

                var (upload, rejection) = await folder.SaveAsync(section.Body, cancellationToken).ConfigureAwait(false);
                switch (rejection)
                {
                    case UploadRejection.NotAnImage:
                        return (null, DirectLineErrors.NotAnImage());
                    case UploadRejection.TooLarge:
                        return (null, DirectLineErrors.FileTooLarge(settings.MaxUploadBytes));
                    case UploadRejection.Empty:
                        return (null, DirectLineErrors.NoFiles());
                }

                saved.Add((upload!, HeaderUtilities.RemoveQuotes(disposition.FileName).Value));
            }
        }

        return saved.Count == 0 ? (null, DirectLineErrors.NoFiles()) : (activity, null);
    }

    /// <summary>The n-th file fills the n-th attachment: its real type and a URL fetchable without Authorization.</summary>
    private static void AttachUploads(Activity activity, List<(StoredUpload Upload, string? FileName)> saved, string baseUrl)
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
            attachment.ContentUrl = $"{baseUrl}/attachments/{upload.FileName}";
            attachment.Name ??= fileName;
        }
    }

    private static void DeleteAll(DirectLineUploadFolder folder, List<(StoredUpload Upload, string? FileName)> saved)
    {
        foreach (var (upload, _) in saved)
        {
            folder.Delete(upload);
        }
    }
}
