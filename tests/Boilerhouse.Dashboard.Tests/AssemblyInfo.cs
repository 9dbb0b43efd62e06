// Each class starts a host and a browser; on two shared cores they run one after another.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
