namespace DeepDream.Models.Store;

/// <summary>A step of an installation for the user to see; byte counts are set while a file is fetched.</summary>
public sealed record InstallProgress(string Message, long? BytesDone = null, long? BytesTotal = null);
