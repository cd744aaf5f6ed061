namespace DeepDream.Runtime;

/// <summary>The <c>--device</c> option: auto takes CUDA when torch reports it, else the CPU.</summary>
public enum DeviceChoice
{
    Auto,
    Cpu,
    Cuda,
}
