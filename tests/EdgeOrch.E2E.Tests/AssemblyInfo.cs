using System.Runtime.Versioning;

// The suite drives a Linux binary with POSIX signals and Unix file modes.
[assembly: SupportedOSPlatform("linux")]
