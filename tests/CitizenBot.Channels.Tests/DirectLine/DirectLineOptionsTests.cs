using CitizenBot.Channels.DirectLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CitizenBot.Channels.Tests.DirectLine;

public sealed class DirectLineOptionsTests
{
    private static ServiceProvider CreateSut(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddDirectLine();
        return services.BuildServiceProvider();
    }

    [Fact]
    public void AddDirectLine_SectionWithBase64Key_BindsEveryValue()
    {
        var key = new byte[32];
        key[0] = 7;
        using var provider = CreateSut(new()
        {
            ["DirectLine:Secret"] = "a-secret-of-sixteen+",
            ["DirectLine:SigningKey"] = Convert.ToBase64String(key),
            ["DirectLine:UploadDirectory"] = "/tmp/uploads",
            ["DirectLine:TokenLifetime"] = "00:45:00",
        });

        var options = provider.GetRequiredService<IOptions<DirectLineOptions>>().Value;

        Assert.Equal(key, options.SigningKey);
        Assert.Equal(TimeSpan.FromMinutes(45), options.TokenLifetime);
        Assert.Equal(32 * 1024, options.MaxActivityBytes);
    }

    [Theory]
    [InlineData("DirectLine:Secret", "short")]
    [InlineData("DirectLine:SigningKey", "AAAA")]
    [InlineData("DirectLine:TokenLifetime", "00:10:00")]
    [InlineData("DirectLine:UploadDirectory", "")]
    public void AddDirectLine_InvalidSetting_FailsValidation(string key, string value)
    {
        var settings = new Dictionary<string, string?>
        {
            ["DirectLine:Secret"] = "a-secret-of-sixteen+",
            ["DirectLine:SigningKey"] = Convert.ToBase64String(new byte[32]),
            ["DirectLine:UploadDirectory"] = "/tmp/uploads",
        };
        settings[key] = value;
        using var provider = CreateSut(settings);

        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<DirectLineOptions>>().Value);
    }
}
