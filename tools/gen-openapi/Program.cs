using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeOrch.Api.Resources;
using EdgeOrch.Tools.GenOpenApi;

// Writes src/EdgeOrch.ApiServer/Resources/openapi/builtin-schemas.json.gz: one schema per built-in kind and every type
// it uses, named as upstream names them. See README.md for when to run it.
var output = args.Length > 0 ? args[0] : Path.Combine(FindRepoRoot(), "src/EdgeOrch.ApiServer/Resources/openapi/builtin-schemas.json.gz");

var catalog = new ModelCatalog();
var writer = new SchemaWriter(catalog);
writer.AddScalars();

// Core kinds first: types shared by several groups (PodTemplateSpec, Container...) then land in the core package.
var roots = new List<(string Group, string Version, string Kind)>();
foreach (var t in BuiltinResources.Types.Where(t => t.Group.Length == 0))
    roots.AddRange([(t.Group, t.Version, t.Kind), (t.Group, t.Version, t.ListKind)]);
roots.AddRange([("", "v1", "PodTemplate"), ("", "v1", "Binding"), ("", "v1", "Status"), ("", "v1", "DeleteOptions")]);
foreach (var t in BuiltinResources.Types.Where(t => t.Group.Length > 0))
    roots.AddRange([(t.Group, t.Version, t.Kind), (t.Group, t.Version, t.ListKind)]);
roots.AddRange([("autoscaling", "v1", "Scale"), ("policy", "v1", "Eviction")]);

foreach (var (group, version, kind) in roots)
{
    var type = catalog.FindKind(group, version, kind)
        ?? throw new InvalidOperationException($"KubernetesClient has no model for {group}/{version} {kind}");
    writer.AddRoot(type, group);
}

var doc = new JsonObject
{
    ["generatedBy"] = "tools/gen-openapi from KubernetesClient model types",
    ["schemas"] = new JsonObject([.. writer.Schemas.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))]),
};
var bytes = Encoding.UTF8.GetBytes(doc.ToJsonString(new JsonSerializerOptions { WriteIndented = false }));
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
using (var file = File.Create(output))
using (var gz = new GZipStream(file, CompressionLevel.SmallestSize))
    gz.Write(bytes);
Console.WriteLine($"{writer.Schemas.Count} schemas, {bytes.Length} bytes JSON, {new FileInfo(output).Length} bytes gzip -> {output}");

static string FindRepoRoot()
{
    for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "EdgeOrch.sln")))
            return dir.FullName;
    throw new InvalidOperationException("Run inside the repository (EdgeOrch.sln not found above the current directory).");
}
