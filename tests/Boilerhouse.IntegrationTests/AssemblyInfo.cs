// Hosts read their settings from environment variables while they are built, and all tests share one
// Docker engine: run test classes one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
