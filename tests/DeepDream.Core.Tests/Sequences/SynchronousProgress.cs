namespace DeepDream.Tests.Sequences;

/// <summary>Calls the handler on the reporting thread, unlike <see cref="Progress{T}"/>, so a test can act in step.</summary>
internal sealed class SynchronousProgress<T>(Action<T> handler) : IProgress<T>
{
    public void Report(T value) => handler(value);
}
