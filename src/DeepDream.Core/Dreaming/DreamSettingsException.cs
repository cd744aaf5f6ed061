namespace DeepDream.Dreaming;

/// <summary>Dream settings that cannot work together or are out of range; the message names the option.</summary>
public sealed class DreamSettingsException(string message) : DeepDreamException(message);
