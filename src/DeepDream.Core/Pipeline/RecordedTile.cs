namespace DeepDream.Pipeline;

/// <summary>One tile of a contact sheet, as the sheet records it: the model and the layer it was dreamed with.</summary>
public sealed record RecordedTile(RecordedModel Model, string Layer);
