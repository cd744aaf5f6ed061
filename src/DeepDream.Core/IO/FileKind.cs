namespace DeepDream.IO;

/// <summary>The kinds of file an open descriptor can refer to (the S_IFMT bits of its mode; links are already followed).</summary>
internal enum FileKind
{
    Fifo = 0x1000,
    CharacterDevice = 0x2000,
    Folder = 0x4000,
    BlockDevice = 0x6000,
    Regular = 0x8000,
    Socket = 0xC000,
}
