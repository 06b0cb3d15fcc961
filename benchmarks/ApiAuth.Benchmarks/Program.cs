using BenchmarkDotNet.Running;

// Run one suite with: dotnet run -c Release --project benchmarks/ApiAuth.Benchmarks -- --filter '*SigV4*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
