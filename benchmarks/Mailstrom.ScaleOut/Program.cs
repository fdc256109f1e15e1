using System.Globalization;
using Mailstrom.ScaleOut;

// Usage: dotnet Mailstrom.ScaleOut.dll [--emails 2000] [--instances 1,2] [--concurrency 32] [--rig /tmp/mailstrom-rig/rig.env] [--connection-string CS]
var emails = 2000;
int[] instances = [1, 2];
var concurrency = 32;
string? rig = null;
string? connectionString = null;
for (var i = 0; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--emails":
            emails = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            break;
        case "--instances":
            instances = args[i + 1].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
            break;
        case "--concurrency":
            concurrency = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            break;
        case "--connection-string":
            connectionString = args[i + 1];
            break;
        case "--rig":
            rig = args[i + 1];
            break;
        default:
            Console.Error.WriteLine($"Unknown option {args[i]}. Options: --emails N --instances 1,2 --concurrency N --rig PATH --connection-string CS");
            return 2;
    }
}

var settings = RigSettings.Load(rig, connectionString);
Console.WriteLine($"Azure Storage (Azurite) scale-out: {emails} single-recipient emails, worker MaxConcurrency {concurrency}, {Environment.ProcessorCount} cores");
var results = new List<ScaleOutResult>();
foreach (var count in instances)
{
    var result = await ScaleOutRun.RunAsync(settings, count, emails, concurrency);
    result.Print(Console.Out);
    results.Add(result);
}

Console.WriteLine();
Console.WriteLine("| instances | submitted/s | delivered recipients/s (first to last delivery) | incl. start-up | per instance | duplicates |");
Console.WriteLine("|---|---|---|---|---|---|");
foreach (var result in results)
{
    Console.WriteLine(result.Row());
}

return results.All(r => r.AllDelivered) ? 0 : 1;
