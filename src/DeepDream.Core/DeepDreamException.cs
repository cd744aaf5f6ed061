namespace DeepDream;

/// <summary>
/// Base of the errors a user can cause (bad input file, unknown layer, bad model). The message is one line,
/// names the file or option at fault, and is fit to print as is.
/// </summary>
public abstract class DeepDreamException(string message, Exception? inner = null) : Exception(message, inner);
