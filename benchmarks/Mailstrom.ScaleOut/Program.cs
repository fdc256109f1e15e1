using System.Globalization;
using Mailstrom.ScaleOut;

// Usage: dotnet Mailstrom.ScaleOut.dll [--emails 2000] [--instances 1,2] [--rig /tmp/mailstrom-rig/rig.env]
//        [--connection-string CS] [--setting KEY=VALUE ...]
var emails = 2000;
int[] instances = [1, 2];
string? rig = null;
string? connectionString = null;
var extra = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
const string Usage = "Options: --emails N --instances 1,2 --rig PATH --connection-string CS --setting KEY=VALUE (repeatable, e.g. Mailstrom:Durable:PartitionCount=2)";
for (var i = 0; i < args.Length; i += 2)
{
    if (i + 1 >= args.Length)
    {
        Console.Error.WriteLine($"{args[i]} needs a value. {Usage}");
        return 2;
    }

    switch (args[i])
    {
        case "--emails":
            emails = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            break;
        case "--instances":
            instances = args[i + 1].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
            break;
        case "--connection-string":
            connectionString = args[i + 1];
            break;
        case "--rig":
            rig = args[i + 1];
            break;
        case "--setting" when args[i + 1].IndexOf('=', StringComparison.Ordinal) is > 0 and var at:
            extra[args[i + 1][..at]] = args[i + 1][(at + 1)..];
            break;
        default:
            Console.Error.WriteLine($"Unknown option {args[i]} {args[i + 1]}. {Usage}");
            return 2;
    }
}

var settings = RigSettings.Load(rig, connectionString);
Console.WriteLine($"Durable engine scale-out on an Azure Storage task hub (the rig's Azurite unless --connection-string): {emails} " +
                  $"single-recipient emails submitted through an accept-only instance, then delivered by 1 or 2 instances; " +
                  $"{Environment.ProcessorCount} cores{(extra.Count > 0 ? "; settings: " + string.Join(' ', extra.Select(e => $"{e.Key}={e.Value}")) : string.Empty)}");
var results = new List<ScaleOutResult>();
foreach (var count in instances)
{
    var result = await ScaleOutRun.RunAsync(settings, count, emails, extra);
    result.Print(Console.Out);
    results.Add(result);
}

Console.WriteLine();
Console.WriteLine("| delivering instances | submitted/s | delivered rcpt/s (first to last delivery) | incl. start-up | per instance: delivered (CPU s) | duplicates (logs / sink) | Azurite CPU s | load avg before → after |");
Console.WriteLine("|---|---|---|---|---|---|---|---|");
foreach (var result in results)
{
    Console.WriteLine(result.Row());
}

return results.All(r => r.AllDelivered) ? 0 : 1;
