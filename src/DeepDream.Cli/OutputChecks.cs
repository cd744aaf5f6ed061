using DeepDream.Imaging;

namespace DeepDream.Cli;

/// <summary>
/// Runs the library's output checks before any work, as command-line checks: an output that cannot be written where
/// the command line names it is a usage error (exit 2), found before the model loads.
/// </summary>
internal static class OutputChecks
{
    /// <exception cref="UsageException">The check failed; the message is the library's.</exception>
    public static T Before<T>(Func<T> check)
    {
        try
        {
            return check();
        }
        catch (DreamOutputException error)
        {
            throw new UsageException(error.Message);
        }
    }

    /// <inheritdoc cref="Before{T}(Func{T})"/>
    public static void Before(Action check) => Before(() =>
    {
        check();
        return true;
    });
}
