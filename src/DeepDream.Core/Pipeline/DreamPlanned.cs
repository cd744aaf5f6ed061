namespace DeepDream.Pipeline;

/// <summary>A dream is about to start with this plan: its size and its octaves' sizes.</summary>
public sealed record DreamPlanned(DreamPlan Plan) : DreamEvent;
