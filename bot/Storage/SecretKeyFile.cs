using System.Security.Cryptography;

namespace CitizenBot.Bot.Storage;

/// <summary>
/// A random key generated on first start and kept under the data folder, so signed tokens and links survive a restart
/// of the embedded default without anyone configuring a secret. Scaled out, every instance must get the same key from
/// configuration instead.
/// </summary>
internal static class SecretKeyFile
{
    /// <summary>How many times a start looks (every 10 ms, about 10 s in all) while another one sharing the data folder writes the key.</summary>
    private const int LockTries = 1000;

    public static byte[] LoadOrCreate(string dataDirectory, string name, int bytes = 32)
    {
        var folder = Path.Combine(dataDirectory, "keys");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name + ".key");

        // Processes that share the data folder may start at the same moment: the first to hold the lock file writes
        // the key, the others then read it, so every instance signs with the same one.
        using var exclusive = Lock(path + ".lock");
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

    /// <summary>An exclusive lock on <paramref name="path"/> (FileShare.None: a lock the operating system holds across processes).</summary>
    private static FileStream Lock(string path)
    {
        for (var tries = 1; ; tries++)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (tries < LockTries)
            {
                Thread.Sleep(10);
            }
        }
    }
}
