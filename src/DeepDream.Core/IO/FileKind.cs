namespace DeepDream.IO;

/// <summary>The kinds of file a path can name (the S_IFMT bits of its mode).</summary>
internal enum FileKind
{
    Fifo = 0x1000,
    CharacterDevice = 0x2000,
    Folder = 0x4000,
    BlockDevice = 0x6000,
    Regular = 0x8000,
    SymbolicLink = 0xA000,
    Socket = 0xC000,
}
