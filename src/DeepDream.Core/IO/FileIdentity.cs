namespace DeepDream.IO;

/// <summary>What makes a file itself on Linux: its device and inode, the same however many names or links lead to it.</summary>
internal readonly record struct FileIdentity(uint DeviceMajor, uint DeviceMinor, ulong Inode);
