using CitizenBot.Bot.Ticketing.Photos;
using CitizenBot.Bot.Tests.Center;
using CitizenBot.Channels.Activities;
using CitizenBot.Channels.DirectLine;
using CitizenBot.Dialogs.Report;
using MetadataExtractor;
using MetadataExtractor.Formats.Exif;
using CitizenBot.Bot.Tests.TestData;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;

namespace CitizenBot.Bot.Tests.Photos;

/// <summary>Serial with the other ticketing hosts: Hangfire keeps some process-wide state (log provider).</summary>
[Collection(TicketingCollection.Name)]
public sealed class PhotoIntakeTests : IAsyncLifetime
{
    private TicketingTestHost _host = null!;

    public async Task InitializeAsync() => _host = await TicketingTestHost.StartAsync(TicketingTestHost.NewDataDirectory(), centerBaseUrl: null);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task AcceptPhoto_JpegWithGps_ReadsPositionAndStoresItWithoutExif()
    {
        var photo = TestImages.JpegWithGps(30.0051, 120.0052);
        Assert.NotEmpty(ImageMetadataReader.ReadMetadata(new MemoryStream(photo)).OfType<GpsDirectory>()); // the input really has GPS

        var intake = await _host.Desk.AcceptPhotoAsync(new Attachment { ContentType = "image/jpeg", ContentUrl = TestImages.DataUri(photo) },
            TicketingTestHost.Resident(), CancellationToken.None);

        Assert.True(intake.Accepted);
        Assert.NotNull(intake.GpsLocation);
        Assert.Equal(30.0051, intake.GpsLocation!.Latitude, 3);
        Assert.Equal(120.0052, intake.GpsLocation.Longitude, 3);
        var stored = await File.ReadAllBytesAsync(Path.Combine(_host.DataDirectory, "photos", intake.PhotoId + ".jpg"));
        Assert.Equal([0xFF, 0xD8, 0xFF], stored[..3]);
        var metadata = ImageMetadataReader.ReadMetadata(new MemoryStream(stored));
        Assert.Empty(metadata.OfType<GpsDirectory>());
        Assert.Empty(metadata.OfType<ExifIfd0Directory>());
        Assert.True(File.Exists(Path.Combine(_host.DataDirectory, "photos", intake.PhotoId + ".thumb.jpg")));
    }

    /// <summary>Where the Direct Line server keeps an upload of the resident's conversation.</summary>
    private string ResidentUpload(string name)
    {
        var folder = DirectLineUploadFolder.ConversationFolder(_host.UploadDirectory, TicketingTestHost.Resident().ConversationId);
        System.IO.Directory.CreateDirectory(folder);
        return Path.Combine(folder, name);
    }

    [Fact]
    [Trait("Category", "Security")]
    public async Task AcceptPhoto_UploadOfAnotherConversation_NotReadable()
    {
        var name = new string('d', 32) + ".jpg";
        var otherFolder = DirectLineUploadFolder.ConversationFolder(_host.UploadDirectory, "someone-elses-conversation");
        System.IO.Directory.CreateDirectory(otherFolder);
        await File.WriteAllBytesAsync(Path.Combine(otherFolder, name), TestImages.Jpeg());

        var intake = await _host.Desk.AcceptPhotoAsync(
            new Attachment { ContentType = "image/jpeg", ContentUrl = $"{_host.BaseUri}v3/directline/conversations/someone-elses-conversation/attachments/{name}" },
            TicketingTestHost.Resident(), CancellationToken.None);

        Assert.Equal(PhotoRejection.Unreadable, intake.Rejection);
    }

    [Fact]
    [Trait("Category", "Security")]
    public async Task AcceptPhoto_PngClaimingTooManyPixels_RefusedFromItsHeaderAndNothingStored()
    {
        var bomb = TestImages.PngBomb(8192, 8192);
        Assert.True(bomb.Length < 70 * 1024, $"the bomb is {bomb.Length} bytes");

        var intake = await _host.Desk.AcceptPhotoAsync(new Attachment { ContentUrl = TestImages.DataUri(bomb) }, TicketingTestHost.Resident(), CancellationToken.None);

        Assert.Equal(PhotoRejection.TooLarge, intake.Rejection);
        Assert.False(System.IO.Directory.Exists(Path.Combine(_host.DataDirectory, "photos")) && System.IO.Directory.EnumerateFiles(Path.Combine(_host.DataDirectory, "photos")).Any());
    }

    [Fact]
    public async Task AcceptPhoto_WebUploadCleanedOfItsExif_StillGetsThePositionTheServerReadBeforeCleaning()
    {
        var name = new string('e', 32) + ".jpg";
        await File.WriteAllBytesAsync(ResidentUpload(name), TestImages.Jpeg());
        var content = System.Text.Json.JsonSerializer.SerializeToElement(new { gps = new { latitude = 30.0051, longitude = 120.0052, crs = "WGS-84" } });

        var intake = await _host.Desk.AcceptPhotoAsync(
            new Attachment { ContentType = "image/jpeg", ContentUrl = $"/v3/directline/conversations/x/attachments/{name}", Content = content },
            TicketingTestHost.Resident(), CancellationToken.None);

        Assert.True(intake.Accepted);
        Assert.Equal(30.0051, intake.GpsLocation!.Latitude, 4);
    }

    [Fact]
    public async Task AcceptPhoto_PdfNamedJpg_RejectedAsNotAnImage()
    {
        var name = new string('a', 32) + ".jpg";
        await File.WriteAllTextAsync(ResidentUpload(name), "%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF");

        var intake = await _host.Desk.AcceptPhotoAsync(
            new Attachment { ContentType = "image/jpeg", Name = "photo.jpg", ContentUrl = $"{_host.BaseUri}v3/directline/attachments/{name}" },
            TicketingTestHost.Resident(), CancellationToken.None);

        Assert.False(intake.Accepted);
        Assert.Equal(PhotoRejection.NotAnImage, intake.Rejection);
    }

    [Fact]
    public async Task AcceptPhoto_FiftyMegabyteImage_RejectedAsTooLarge()
    {
        var name = new string('b', 32) + ".jpg";
        await using (var file = File.Create(ResidentUpload(name)))
        {
            await file.WriteAsync(TestImages.Jpeg());
            file.SetLength(50L * 1024 * 1024);
        }

        var intake = await _host.Desk.AcceptPhotoAsync(new Attachment { ContentType = "image/jpeg", ContentUrl = "/v3/directline/attachments/" + name },
            TicketingTestHost.Resident(), CancellationToken.None);

        Assert.Equal(PhotoRejection.TooLarge, intake.Rejection);
        Assert.False(System.IO.Directory.Exists(Path.Combine(_host.DataDirectory, "photos")) && System.IO.Directory.EnumerateFiles(Path.Combine(_host.DataDirectory, "photos")).Any());
    }

    [Fact]
    public async Task AcceptPhoto_OversizedDataUri_RejectedAsTooLarge()
    {
        var content = new byte[11 * 1024 * 1024];
        TestImages.Jpeg().CopyTo(content, 0);

        var intake = await _host.Desk.AcceptPhotoAsync(new Attachment { ContentUrl = TestImages.DataUri(content) }, TicketingTestHost.Resident(), CancellationToken.None);

        Assert.Equal(PhotoRejection.TooLarge, intake.Rejection);
    }

    [Fact]
    public async Task AcceptPhoto_RemoteUrl_NeverFetched()
    {
        await using var remote = await FakeCenter.StartAsync();

        var intake = await _host.Desk.AcceptPhotoAsync(
            new Attachment { ContentType = "image/jpeg", ContentUrl = $"http://127.0.0.1:{remote.Port}/{new string('c', 32)}.jpg" },
            TicketingTestHost.Resident(), CancellationToken.None);
        var internalUrl = await _host.Desk.AcceptPhotoAsync(
            new Attachment { ContentType = "image/jpeg", ContentUrl = "http://169.254.169.254/latest/meta-data/iam" },
            TicketingTestHost.Resident(), CancellationToken.None);

        Assert.Equal(PhotoRejection.Unreadable, intake.Rejection);
        Assert.Equal(PhotoRejection.Unreadable, internalUrl.Rejection);
        Assert.Empty(remote.Requests);
    }

    [Fact]
    public async Task PhotoUrl_ExpiredOrForged_NotServed()
    {
        var intake = await _host.Desk.AcceptPhotoAsync(new Attachment { ContentUrl = TestImages.DataUri(TestImages.Jpeg()) }, TicketingTestHost.Resident(), CancellationToken.None);
        var signer = (PhotoUrlSigner)_host.App.Services.GetService(typeof(PhotoUrlSigner))!;
        using var http = new HttpClient { BaseAddress = _host.BaseUri };

        var valid = await http.GetAsync(signer.CreatePath(intake.PhotoId!, PhotoVariant.Full, TimeSpan.FromMinutes(5)).TrimStart('/'));
        var expired = await http.GetAsync(signer.CreatePath(intake.PhotoId!, PhotoVariant.Full, TimeSpan.FromMinutes(-1)).TrimStart('/'));
        var forged = await http.GetAsync($"photos/{intake.PhotoId}.jpg?exp=9999999999&sig=AAAA");

        Assert.Equal(System.Net.HttpStatusCode.OK, valid.StatusCode);
        Assert.Equal("image/jpeg", valid.Content.Headers.ContentType?.MediaType);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, expired.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, forged.StatusCode);
    }

    [Fact]
    public async Task Intake_RecordKeepsThePathsOfItsFiles()
    {
        var intake = await _host.Desk.AcceptPhotoAsync(new Attachment { ContentUrl = TestImages.DataUri(TestImages.Jpeg()) }, TicketingTestHost.Resident(), CancellationToken.None);

        var photo = await _host.QueryAsync(db => db.Photos.SingleAsync(p => p.Id == intake.PhotoId));

        Assert.True(File.Exists(Path.Combine(_host.DataDirectory, "photos", photo.FilePath)));
        Assert.True(File.Exists(Path.Combine(_host.DataDirectory, "photos", photo.ThumbnailPath)));
        Assert.NotEqual(photo.FilePath, photo.ThumbnailPath);
    }

    [Fact]
    public async Task PhotoUrl_FileElsewhereThanItsNameSays_ServedFromThePathOnItsRecord()
    {
        var intake = await _host.Desk.AcceptPhotoAsync(new Attachment { ContentUrl = TestImages.DataUri(TestImages.Jpeg()) }, TicketingTestHost.Resident(), CancellationToken.None);
        var folder = Path.Combine(_host.DataDirectory, "photos");
        System.IO.Directory.CreateDirectory(Path.Combine(folder, "2026-12"));
        File.Move(Path.Combine(folder, intake.PhotoId + ".jpg"), Path.Combine(folder, "2026-12", "moved.jpg"));
        await _host.QueryAsync(db => db.Photos.Where(p => p.Id == intake.PhotoId).ExecuteUpdateAsync(s => s.SetProperty(p => p.FilePath, "2026-12/moved.jpg")));
        var signer = _host.App.Services.GetRequiredService<PhotoUrlSigner>();
        using var http = new HttpClient { BaseAddress = _host.BaseUri };

        var served = await http.GetAsync(signer.CreatePath(intake.PhotoId!, PhotoVariant.Full, TimeSpan.FromMinutes(5)).TrimStart('/'));

        Assert.Equal(System.Net.HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(folder, "2026-12", "moved.jpg")), await served.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("../citizenbot.db")]
    [InlineData("/etc/passwd")]
    [InlineData("")]
    public async Task PhotoUrl_RecordPathOutsideThePhotoFolder_NotServed(string path)
    {
        var intake = await _host.Desk.AcceptPhotoAsync(new Attachment { ContentUrl = TestImages.DataUri(TestImages.Jpeg()) }, TicketingTestHost.Resident(), CancellationToken.None);
        await _host.QueryAsync(db => db.Photos.Where(p => p.Id == intake.PhotoId).ExecuteUpdateAsync(s => s.SetProperty(p => p.FilePath, path)));
        var signer = _host.App.Services.GetRequiredService<PhotoUrlSigner>();
        using var http = new HttpClient { BaseAddress = _host.BaseUri };

        var served = await http.GetAsync(signer.CreatePath(intake.PhotoId!, PhotoVariant.Full, TimeSpan.FromMinutes(5)).TrimStart('/'));

        Assert.Equal(System.Net.HttpStatusCode.NotFound, served.StatusCode);
    }
}
