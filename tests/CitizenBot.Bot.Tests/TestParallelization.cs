// Each test class here hosts the whole bot, and Hangfire keeps process-wide statics (JobStorage.Current, its log
// provider): two hosts alive at once in one test process can run each other's jobs or log through a disposed
// LoggerFactory. Production runs one host per process, so the tests run one class at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
