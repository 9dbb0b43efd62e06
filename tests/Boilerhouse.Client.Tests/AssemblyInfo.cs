// Every class starts real host processes on the shared Docker engine: one class at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
