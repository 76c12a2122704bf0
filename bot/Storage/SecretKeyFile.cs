using System.Security.Cryptography;

namespace CitizenBot.Bot.Storage;

/// <summary>
/// A random key generated on first start and kept under the data folder, so signed tokens and links survive a restart
/// of the embedded default without anyone configuring a secret. Scaled out, every instance must get the same key from
/// configuration instead.
/// </summary>
internal static class SecretKeyFile
{
    public static byte[] LoadOrCreate(string dataDirectory, string name, int bytes = 32)
    {
        var folder = Path.Combine(dataDirectory, "keys");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name + ".key");
        if (File.Exists(path))
        {
            var existing = Convert.FromBase64String(File.ReadAllText(path).Trim());
            if (existing.Length >= bytes)
            {
                return existing;
            }
        }

        var key = RandomNumberGenerator.GetBytes(bytes);
        var temp = path + ".tmp";
        File.WriteAllText(temp, Convert.ToBase64String(key));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temp, path, overwrite: true);
        return key;
    }
}
