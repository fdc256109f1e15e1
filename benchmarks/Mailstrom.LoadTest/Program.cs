using Mailstrom.LoadTest;

LoadTestOptions options;
try
{
    options = LoadTestOptions.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(LoadTestOptions.Usage);
    return 2;
}

using var api = new ApiClient(options);
await api.WaitHealthyAsync(TimeSpan.FromSeconds(60));
var report = options.Mode switch
{
    "paced" => await PacedRun.RunAsync(api, options),
    "backlog" => await BacklogRun.RunAsync(api, options),
    _ => await ThroughputRun.RunAsync(api, options),
};
report.Print(Console.Out);
return 0;
