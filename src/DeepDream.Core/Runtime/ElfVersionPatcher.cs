using System.Buffers.Binary;
using System.Text;

namespace DeepDream.Runtime;

/// <summary>
/// Marks symbol-version requirements of an ELF64 shared library as weak (VER_FLG_WEAK), so that the
/// dynamic loader accepts a system library that lacks those versions. Used only for requirements
/// whose symbols are known to be harmless when absent (see <see cref="SafeToWeaken"/>).
/// </summary>
public static class ElfVersionPatcher
{
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const uint ShtGnuVersym = 0x6fffffff;
    private const uint ShtDynsym = 11;
    private const ushort VerFlgWeak = 0x2;

    /// <summary>
    /// Symbols that may be left unresolved: libstdc++ 13 emits a reference to this static-initialisation hook
    /// in every object that includes &lt;iostream&gt;; no relocation uses it, and older libstdc++ initialises
    /// the streams by itself.
    /// </summary>
    public static readonly IReadOnlySet<string> SafeToWeaken = new HashSet<string>(StringComparer.Ordinal)
    {
        "_ZSt21ios_base_library_initv",
    };

    /// <summary>A version requirement read from <c>.gnu.version_r</c>.</summary>
    public sealed record VersionNeed(string File, string Version, ushort Index, bool Weak, long FlagsOffset);

    /// <summary>Lists the version requirements of an ELF64 little-endian image.</summary>
    public static IReadOnlyList<VersionNeed> ReadVersionNeeds(ReadOnlySpan<byte> elf)
    {
        var image = new ElfImage(elf);
        var verneed = image.FindSection(ShtGnuVerneed)
            ?? throw new InvalidDataException("no .gnu.version_r section");
        var strtab = image.Section(verneed.Link);
        var needs = new List<VersionNeed>();
        long entry = verneed.Offset;
        for (int n = 0; n < 4096; n++)
        {
            ushort count = image.U16(entry + 2);
            string file = image.CString(strtab.Offset + image.U32(entry + 4));
            long aux = entry + image.U32(entry + 8);
            for (int a = 0; a < count; a++)
            {
                ushort flags = image.U16(aux + 4);
                ushort other = image.U16(aux + 6);
                string name = image.CString(strtab.Offset + image.U32(aux + 8));
                needs.Add(new VersionNeed(file, name, other, (flags & VerFlgWeak) != 0, aux + 4));
                uint nextAux = image.U32(aux + 12);
                if (nextAux == 0) break;
                aux += nextAux;
            }
            uint next = image.U32(entry + 12);
            if (next == 0) break;
            entry += next;
        }
        return needs;
    }

    /// <summary>Names of the dynamic symbols bound to the given version index.</summary>
    public static IReadOnlyList<string> SymbolsWithVersion(ReadOnlySpan<byte> elf, ushort versionIndex)
    {
        var image = new ElfImage(elf);
        var dynsym = image.FindSection(ShtDynsym) ?? throw new InvalidDataException("no .dynsym section");
        var versym = image.FindSection(ShtGnuVersym) ?? throw new InvalidDataException("no .gnu.version section");
        var strtab = image.Section(dynsym.Link);
        long count = dynsym.Size / 24;
        var names = new List<string>();
        for (long i = 0; i < count; i++)
        {
            if ((image.U16(versym.Offset + i * 2) & 0x7fff) != versionIndex) continue;
            names.Add(image.CString(strtab.Offset + image.U32(dynsym.Offset + i * 24)));
        }
        return names;
    }

    /// <summary>
    /// Returns a copy of <paramref name="elf"/> in which each listed version requirement is weak.
    /// Refuses (throws) when a version carries a symbol outside <see cref="SafeToWeaken"/>, because the loader
    /// would then bind that symbol to nothing.
    /// </summary>
    public static byte[] WeakenVersions(ReadOnlySpan<byte> elf, IEnumerable<string> versions)
    {
        var wanted = new HashSet<string>(versions, StringComparer.Ordinal);
        var copy = elf.ToArray();
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var need in ReadVersionNeeds(elf))
        {
            if (!wanted.Contains(need.Version)) continue;
            var unsafeSymbols = SymbolsWithVersion(elf, need.Index).Where(s => !SafeToWeaken.Contains(s)).ToList();
            if (unsafeSymbols.Count > 0)
                throw new InvalidOperationException(
                    $"cannot relax {need.Version} of {need.File}: symbols {string.Join(", ", unsafeSymbols)} need it");
            var flags = BinaryPrimitives.ReadUInt16LittleEndian(copy.AsSpan((int)need.FlagsOffset));
            BinaryPrimitives.WriteUInt16LittleEndian(copy.AsSpan((int)need.FlagsOffset), (ushort)(flags | VerFlgWeak));
            found.Add(need.Version);
        }
        var missing = wanted.Except(found).ToList();
        if (missing.Count > 0)
            throw new InvalidOperationException($"version requirement(s) not present: {string.Join(", ", missing)}");
        return copy;
    }

    private readonly record struct SectionHeader(uint Type, long Offset, long Size, int Link);

    /// <summary>Bounds-checked reads over an ELF64 little-endian image.</summary>
    private readonly ref struct ElfImage
    {
        private readonly ReadOnlySpan<byte> _bytes;
        private readonly long _shoff;
        private readonly int _shentsize;
        private readonly int _shnum;

        public ElfImage(ReadOnlySpan<byte> bytes)
        {
            _bytes = bytes;
            if (bytes.Length < 64 || bytes[0] != 0x7f || bytes[1] != (byte)'E' || bytes[2] != (byte)'L' || bytes[3] != (byte)'F')
                throw new InvalidDataException("not an ELF file");
            if (bytes[4] != 2 || bytes[5] != 1)
                throw new InvalidDataException("only 64-bit little-endian ELF is supported");
            _shoff = (long)BinaryPrimitives.ReadUInt64LittleEndian(bytes[40..]);
            _shentsize = BinaryPrimitives.ReadUInt16LittleEndian(bytes[58..]);
            _shnum = BinaryPrimitives.ReadUInt16LittleEndian(bytes[60..]);
            if (_shentsize < 64 || _shoff <= 0 || _shoff + (long)_shentsize * _shnum > bytes.Length)
                throw new InvalidDataException("section header table out of bounds");
        }

        public SectionHeader Section(int index)
        {
            if (index < 0 || index >= _shnum) throw new InvalidDataException($"section index {index} out of range");
            long at = _shoff + (long)index * _shentsize;
            var header = new SectionHeader(U32(at + 4), (long)U64(at + 24), (long)U64(at + 32), (int)U32(at + 40));
            if (header.Offset < 0 || header.Size < 0 || header.Offset + header.Size > _bytes.Length)
                throw new InvalidDataException($"section {index} out of bounds");
            return header;
        }

        public SectionHeader? FindSection(uint type)
        {
            for (int i = 0; i < _shnum; i++)
            {
                var header = Section(i);
                if (header.Type == type) return header;
            }
            return null;
        }

        public ushort U16(long at) => BinaryPrimitives.ReadUInt16LittleEndian(Slice(at, 2));
        public uint U32(long at) => BinaryPrimitives.ReadUInt32LittleEndian(Slice(at, 4));
        public ulong U64(long at) => BinaryPrimitives.ReadUInt64LittleEndian(Slice(at, 8));

        public string CString(long at)
        {
            var rest = Slice(at, 1).Length == 1 ? _bytes[(int)at..] : default;
            int end = rest.IndexOf((byte)0);
            if (end < 0) throw new InvalidDataException("unterminated string");
            return Encoding.ASCII.GetString(rest[..end]);
        }

        private ReadOnlySpan<byte> Slice(long at, int length)
        {
            if (at < 0 || at + length > _bytes.Length) throw new InvalidDataException("read past end of ELF image");
            return _bytes.Slice((int)at, length);
        }
    }
}
