namespace DeepDream.Batch;

/// <summary>
/// Does the work for one batch item: reads <see cref="BatchItem.SourcePath"/> and writes the complete result to
/// <paramref name="temporaryOutputPath"/>. The runner gives the file its final name only after this returns, so a
/// processor never writes to the final path itself.
/// </summary>
/// <param name="item">The item to process.</param>
/// <param name="temporaryOutputPath">
/// Where to write, in the output's folder. Its name ends in <c>.tmp</c>, so choose the image format from the
/// final output path (<see cref="OutputLayout.OutputPath"/>), not from this one.
/// </param>
/// <param name="cancellationToken">
/// Cancelled on Ctrl-C. A processor may ignore it and finish the item (the run then stops after it) or throw
/// <see cref="OperationCanceledException"/>, in which case the item is left unrecorded and counted as remaining.
/// </param>
/// <remarks>
/// Throw <see cref="DeepDreamException"/>, <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/> for
/// a failure of this file alone: it is recorded and the batch goes on. Any other exception is taken for a bug and
/// ends the run.
/// </remarks>
public delegate void BatchItemProcessor(BatchItem item, string temporaryOutputPath, CancellationToken cancellationToken);
