using System.Diagnostics;
using System.Globalization;
using System.Text;
using EdgeOrch.Bench;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

Options options;
try
{
    options = Options.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}

try
{
    var bench = new Bench(options, args);
    await bench.RunAsync();
    return 0;
}
catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or FileNotFoundException)
{
    Console.Error.WriteLine("bench failed: " + ex.Message);
    return 1;
}
