using System.Runtime.Versioning;

// The bench reads /proc and signals processes: Linux only.
[assembly: SupportedOSPlatform("linux")]
