using System;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using Xunit.Sdk;

namespace GradGen.Tests.Support
{
    /// <summary>
    /// Our small stand-in for Verify: compares text with the committed Snapshots/NAME.verified.cs.
    /// On a mismatch it writes NAME.received.cs beside it and fails with the first differing lines;
    /// with GRADGEN_ACCEPT=1 it accepts the new text instead.
    /// </summary>
    public static class Snapshot
    {
        public static void Verify(string name, string actual, [CallerFilePath] string callerPath = "")
        {
            string folder = Path.Combine(SourceFolderOf(callerPath), "Snapshots");
            string verified = Path.Combine(folder, name + ".verified.cs");
            string received = Path.Combine(folder, name + ".received.cs");
            actual = actual.Replace("\r\n", "\n");

            if (Environment.GetEnvironmentVariable("GRADGEN_ACCEPT") == "1")
            {
                Directory.CreateDirectory(folder);
                File.WriteAllText(verified, actual);
                if (File.Exists(received)) File.Delete(received);
                return;
            }

            string expected = File.Exists(verified) ? File.ReadAllText(verified).Replace("\r\n", "\n") : "";
            if (expected == actual)
            {
                if (File.Exists(received)) File.Delete(received);
                return;
            }

            File.WriteAllText(received, actual);
            throw new XunitException(
                (expected.Length == 0 ? $"No snapshot {verified} yet." : $"Snapshot {name} differs:\n{Diff(expected, actual)}")
                + $"\nReceived: {received}\nReview it, then accept with GRADGEN_ACCEPT=1 dotnet test.");
        }

        /// <summary>
        /// The caller's folder on this machine. A build with mapped paths (ContinuousIntegrationBuild: /_/tests/...) gives
        /// a path that does not exist; it is then read relative to the repository root found above the test binaries.
        /// </summary>
        private static string SourceFolderOf(string callerPath)
        {
            string folder = Path.GetDirectoryName(callerPath)!;
            if (Directory.Exists(folder)) return folder;
            const string mapped = "/_/";
            string relative = callerPath.StartsWith(mapped, StringComparison.Ordinal) ? callerPath.Substring(mapped.Length) : callerPath;
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "GradGen.sln")))
                    return Path.GetDirectoryName(Path.Combine(dir.FullName, relative))!;
            throw new DirectoryNotFoundException($"No folder for snapshots of {callerPath}: neither it nor the repository is found.");
        }

        private static string Diff(string expected, string actual)
        {
            var e = expected.Split('\n');
            var a = actual.Split('\n');
            var lines = Enumerable.Range(0, Math.Max(e.Length, a.Length))
                .Where(i => i >= e.Length || i >= a.Length || e[i] != a[i])
                .Take(8)
                .Select(i => $"line {i + 1}:\n  - {(i < e.Length ? e[i] : "")}\n  + {(i < a.Length ? a[i] : "")}");
            return string.Join("\n", lines);
        }
    }
}
