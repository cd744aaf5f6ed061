namespace DeepDream.Models.Catalog;

/// <summary>A model file downloaded over HTTPS.</summary>
public sealed record HttpModelSource(Uri Url, string FileName, long Size, string Sha256) : ModelSource(FileName, Size, Sha256)
{
    public override string Description => Url.ToString();

    public override string ManualFetch => $"download {Url}";
}
