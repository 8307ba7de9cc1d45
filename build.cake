// Build script: `dotnet tool restore && dotnet cake [--target=NAME] [--configuration=Release] [--rid=linux-x64]`.
// Targets: Clean, Restore, Build (default), Test (unit tests, then E2E), Publish (NativeAOT of src/EdgeOrch into
// artifacts/publish/<rid>/, both RIDs unless --rid), Bench (tools/bench). scripts/test.sh is the same test run in plain
// bash for CI and machines without the Cake tool.
using System.Text.RegularExpressions;

var target = Argument("target", "Build");
var configuration = Argument("configuration", "Release");
var ridArgument = Argument("rid", "");
var benchArgs = Argument("bench-args", "");

var solution = File("./EdgeOrch.sln");
var artifacts = Directory("./artifacts");
var testResults = artifacts + Directory("test-results");
var allRids = new[] { "linux-x64", "linux-arm64" };
var hostRid = System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.Arm64 ? "linux-arm64" : "linux-x64";

var testTotals = (Passed: 0, Failed: 0);
var testProblems = new List<string>();

// Test projects are found on disk, not listed here: a new tests/X/X.csproj joins the run without touching this file.
IEnumerable<FilePath> TestProjects(bool endToEnd) =>
    GetFiles("./tests/*/*.csproj")
        .Where(p => System.IO.File.ReadAllText(p.FullPath).Contains("<IsTestProject>true</IsTestProject>"))
        .Where(p => p.GetFilenameWithoutExtension().FullPath.Contains("E2E") == endToEnd)
        .OrderBy(p => p.FullPath);

FilePath PublishedBinary(string rid) => MakeAbsolute(artifacts + Directory("publish") + Directory(rid) + File("edgeorch"));

void InstallDeps(bool arm64)
{
    var exit = StartProcess("scripts/install-deps.sh", new ProcessSettings { Arguments = arm64 ? "--arm64" : "" });
    if (exit != 0)
    {
        throw new CakeException($"scripts/install-deps.sh failed with exit code {exit}");
    }
}

void PublishAot(string rid)
{
    InstallDeps(arm64: rid == "linux-arm64" && hostRid != "linux-arm64");
    var output = MakeAbsolute(artifacts + Directory("publish") + Directory(rid));
    Information($"Publishing NativeAOT {rid} -> {output}");
    var args = $"publish src/EdgeOrch/EdgeOrch.csproj -c {configuration} -r {rid} -o \"{output}\" -nologo -tl:off -clp:NoSummary";
    var exit = StartProcess("dotnet", new ProcessSettings { Arguments = args, RedirectStandardOutput = true, RedirectStandardError = true },
        out IEnumerable<string> stdout, out IEnumerable<string> stderr);
    var lines = stdout.Concat(stderr).ToList();
    foreach (var line in lines)
    {
        Information(line);
    }

    if (exit != 0)
    {
        throw new CakeException($"publish {rid} failed with exit code {exit}");
    }

    // The AOT publish must stay warning-free: a trim/AOT warning is a runtime failure waiting to happen.
    if (lines.Any(l => l.Contains("warning", StringComparison.OrdinalIgnoreCase)))
    {
        throw new CakeException($"publish {rid} printed warnings");
    }
}

void RunTests(string phase, FilePath project, string filter, IDictionary<string, string> environment)
{
    var name = project.GetFilenameWithoutExtension().FullPath;
    var trx = MakeAbsolute(testResults + File($"{phase}-{name}.trx"));
    var settings = new DotNetTestSettings
    {
        Configuration = configuration,
        NoBuild = true,
        NoRestore = true,
        Filter = string.IsNullOrEmpty(filter) ? null : filter,
        ResultsDirectory = MakeAbsolute(testResults),
        Loggers = new[] { $"trx;LogFileName={trx.GetFilename()}" },
        EnvironmentVariables = environment,
    };
    try
    {
        DotNetTest(project.FullPath, settings);
    }
    catch (Exception e)
    {
        // Failed tests are counted from the TRX below; the exception only matters when there is no TRX.
        Verbose(e.Message);
    }

    var counters = System.IO.File.Exists(trx.FullPath)
        ? Regex.Match(System.IO.File.ReadAllText(trx.FullPath), "<Counters [^>]*>").Value
        : "";
    if (counters.Length == 0)
    {
        testProblems.Add($"{phase} tests of {name} did not report results");
        testTotals.Failed++;
        return;
    }

    int Attr(string attribute)
    {
        var m = Regex.Match(counters, $" {attribute}=\"(\\d+)\"");
        return m.Success ? int.Parse(m.Groups[1].Value) : 0;
    }

    testTotals.Passed += Attr("passed");
    testTotals.Failed += Attr("failed") + Attr("error") + Attr("timeout") + Attr("aborted");
}

Task("Clean")
    .Does(() =>
{
    CleanDirectories("./src/**/bin");
    CleanDirectories("./src/**/obj");
    CleanDirectories("./tests/**/bin");
    CleanDirectories("./tests/**/obj");
    CleanDirectories("./tools/**/bin");
    CleanDirectories("./tools/**/obj");
    if (DirectoryExists(artifacts))
    {
        DeleteDirectory(artifacts, new DeleteDirectorySettings { Recursive = true, Force = true });
    }
});

Task("Restore")
    .Does(() =>
{
    DotNetRestore(solution.Path.FullPath);
});

Task("Build")
    .IsDependentOn("Restore")
    .Does(() =>
{
    DotNetBuild(solution.Path.FullPath, new DotNetBuildSettings { Configuration = configuration, NoRestore = true });
    // A test project not (yet) in the solution still has to be built for the --no-build test runs.
    var inSolution = new HashSet<string>(ParseSolution(solution).Projects.Select(p => MakeAbsolute(p.Path).FullPath));
    foreach (var project in GetFiles("./tests/*/*.csproj").Where(p => !inSolution.Contains(MakeAbsolute(p).FullPath)))
    {
        DotNetBuild(project.FullPath, new DotNetBuildSettings { Configuration = configuration });
    }
});

Task("Test")
    .IsDependentOn("Build")
    .Does(() =>
{
    EnsureDirectoryExists(testResults);
    CleanDirectory(testResults);
    var none = new Dictionary<string, string>();
    foreach (var project in TestProjects(endToEnd: false))
    {
        RunTests("unit", project, "Category!=E2E", none);
    }

    // End-to-end tests drive the real binary: the one given in EDGEORCH_BINARY, else a fresh publish for this host.
    var binary = EnvironmentVariable("EDGEORCH_BINARY");
    if (string.IsNullOrEmpty(binary))
    {
        PublishAot(hostRid);
        binary = PublishedBinary(hostRid).FullPath;
    }

    var e2e = new Dictionary<string, string> { ["EDGEORCH_BINARY"] = binary };
    Information($"EDGEORCH_BINARY={binary}");
    foreach (var project in TestProjects(endToEnd: true))
    {
        RunTests("e2e", project, "", e2e);
    }

    foreach (var project in TestProjects(endToEnd: false))
    {
        RunTests("e2e", project, "Category=E2E", e2e);
    }

    foreach (var problem in testProblems)
    {
        Error(problem);
    }

    Information($"{testTotals.Passed} passed, {testTotals.Failed} failed");
    if (testTotals.Failed > 0)
    {
        throw new CakeException($"{testTotals.Failed} test(s) failed");
    }
});

Task("Publish")
    .Does(() =>
{
    var rids = string.IsNullOrEmpty(ridArgument) ? allRids : new[] { ridArgument };
    foreach (var rid in rids)
    {
        PublishAot(rid);
    }
});

Task("Bench")
    .IsDependentOn("Build")
    .Does(() =>
{
    DotNetRun("./tools/bench/bench.csproj", new ProcessArgumentBuilder().Append(benchArgs),
        new DotNetRunSettings { Configuration = configuration, NoBuild = true, NoRestore = true });
});

Task("Default").IsDependentOn("Build");

RunTarget(target);
