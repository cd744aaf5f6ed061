namespace DeepDream.Dreaming;

/// <summary>How the step size moves from <c>StepSize</c> to <c>StepSizeEnd</c> over the steps of each octave.</summary>
public enum StepSchedule
{
    Constant,
    Linear,
    Cosine,
}
