namespace DeepDream.Cli;

/// <summary>
/// An <see cref="IProgress{T}"/> that calls its action at once, on the reporting thread, so events are handled in
/// order (<see cref="Progress{T}"/> would post them to the thread pool).
/// </summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
