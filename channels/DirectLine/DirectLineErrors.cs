using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CitizenBot.Channels.DirectLine;

/// <summary>
/// Every error the server answers, in the DL3 shape. DirectLineJS looks only at the status: 403 means
/// "expired token", 404 "conversation ended", any other 4xx ends polling or fails the send at once.
/// </summary>
internal static class DirectLineErrors
{
    public static JsonHttpResult<ErrorResponse> MissingAuthorization() =>
        Create(StatusCodes.Status401Unauthorized, "Unauthorized", "Send 'Authorization: Bearer <secret or token>'.");

    public static JsonHttpResult<ErrorResponse> TokenExpired() =>
        Create(StatusCodes.Status403Forbidden, "TokenExpired", "The token has expired. Refresh it before it expires, or start a new conversation.");

    public static JsonHttpResult<ErrorResponse> BadToken() =>
        Create(StatusCodes.Status403Forbidden, "BadToken", "The token or secret is not valid.");

    public static JsonHttpResult<ErrorResponse> WrongConversation() =>
        Create(StatusCodes.Status403Forbidden, "BadToken", "The token is for another conversation.");

    public static JsonHttpResult<ErrorResponse> SecretRequired() =>
        Create(StatusCodes.Status403Forbidden, "BadToken", "This call needs the Direct Line secret.");

    public static JsonHttpResult<ErrorResponse> TokenRequired() =>
        Create(StatusCodes.Status403Forbidden, "BadToken", "Only a token can be refreshed; a secret never expires.");

    public static JsonHttpResult<ErrorResponse> ConversationNotFound() =>
        Create(StatusCodes.Status404NotFound, "NotFound", "No such conversation. Start one with POST /v3/directline/conversations.");

    public static JsonHttpResult<ErrorResponse> ConversationErased() =>
        Create(StatusCodes.Status403Forbidden, "BadToken", "The conversation was erased at the citizen's request; start a new one.");

    public static JsonHttpResult<ErrorResponse> TextTooLong(int max) =>
        Create(StatusCodes.Status413PayloadTooLarge, "MessageSizeTooBig", $"The message text is longer than {max} characters.");

    public static JsonHttpResult<ErrorResponse> TooManyPixels() =>
        Create(StatusCodes.Status413PayloadTooLarge, "MessageSizeTooBig", "The image has more pixels than the server decodes.");

    public static JsonHttpResult<ErrorResponse> UploadQuota() =>
        Create(StatusCodes.Status429TooManyRequests, "Throttled", "This conversation has uploaded as much as it may for now.");

    public static JsonHttpResult<ErrorResponse> StorageFull() =>
        Create(StatusCodes.Status507InsufficientStorage, "Throttled", "The server keeps no more uploads for now.");

    public static JsonHttpResult<ErrorResponse> Throttled() =>
        Create(StatusCodes.Status429TooManyRequests, "Throttled", "Too many activities; wait for Retry-After seconds.");

    public static JsonHttpResult<ErrorResponse> MalformedJson() =>
        Create(StatusCodes.Status400BadRequest, "BadArgument", "The body is not valid JSON.");

    public static JsonHttpResult<ErrorResponse> MissingType() =>
        Create(StatusCodes.Status400BadRequest, "MissingProperty", "The activity has no 'type'.");

    public static JsonHttpResult<ErrorResponse> NotMultipart() =>
        Create(StatusCodes.Status400BadRequest, "BadArgument", "Upload with multipart/form-data: a part 'activity' and parts 'file'.");

    public static JsonHttpResult<ErrorResponse> NoFiles() =>
        Create(StatusCodes.Status400BadRequest, "BadArgument", "The upload has no non-empty 'file' part.");

    public static JsonHttpResult<ErrorResponse> TooManyFiles(int max) =>
        Create(StatusCodes.Status400BadRequest, "BadArgument", $"At most {max} files can be uploaded at once.");

    public static JsonHttpResult<ErrorResponse> NotAnImage() =>
        Create(StatusCodes.Status415UnsupportedMediaType, "UnsupportedMediaType", "Only images can be uploaded (JPEG, PNG, WebP, GIF or HEIC), checked by content.");

    public static JsonHttpResult<ErrorResponse> ActivityTooLarge(int max) =>
        Create(StatusCodes.Status413PayloadTooLarge, "MessageSizeTooBig", $"The activity is larger than {max} bytes.");

    public static JsonHttpResult<ErrorResponse> FileTooLarge(long max) =>
        Create(StatusCodes.Status413PayloadTooLarge, "MessageSizeTooBig", $"A file is larger than {max} bytes.");

    public static JsonHttpResult<ErrorResponse> DecoderBusy() =>
        Create(StatusCodes.Status503ServiceUnavailable, "ServiceUnavailable", "Too many images are waiting to be checked; wait for Retry-After seconds.");

    public static JsonHttpResult<ErrorResponse> NotWebSocket() =>
        Create(StatusCodes.Status400BadRequest, "BadArgument", "The stream URL must be opened as a WebSocket.");

    private static JsonHttpResult<ErrorResponse> Create(int status, string code, string message) =>
        TypedResults.Json(new ErrorResponse(new ErrorBody(code, message)), DirectLineJson.Default.ErrorResponse, statusCode: status);
}
