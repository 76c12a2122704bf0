using BenchmarkDotNet.Running;
using CitizenBot.Bench;

// Usage: dotnet run -c Release --project tests/CitizenBot.Bench -- --job short --inProcess --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(LegalSearchBenchmarks).Assembly).Run(args);
