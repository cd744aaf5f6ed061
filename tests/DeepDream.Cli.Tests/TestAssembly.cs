// The CLI tests run one at a time: many dream in-process, and torch's thread count is process-wide, so a test that
// dreams with --threads 1 beside one that compares the bytes of two dreams made the latter fail now and then in CI.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
