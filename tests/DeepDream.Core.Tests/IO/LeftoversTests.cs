using System.Diagnostics;
using DeepDream.IO;
using DeepDream.Tests.Imaging;

namespace DeepDream.Tests.IO;

/// <summary>Work in progress is deleted by a later run only when the process that made it is gone.</summary>
public sealed class LeftoversTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static string HostPart => Leftovers.Tag.Split('@')[1];

    [Fact]
    public void The_tag_names_this_process_and_this_machine() =>
        Assert.Matches($"^{Environment.ProcessId}@[0-9a-f]{{8}}$", Leftovers.Tag);

    [Fact]
    public void Work_of_a_killed_process_is_deleted_and_work_of_a_running_one_kept()
    {
        string dead = $"{SpecialFiles.DeadProcessId()}@{HostPart}";
        string leftoverFile = _folder[$".out.png.{dead}.0123abcd.tmp"];
        File.WriteAllText(leftoverFile, "half");
        Directory.CreateDirectory(_folder[$"model.{dead}.staging/sub"]);
        File.WriteAllText(_folder[$"model.{dead}.staging/sub/model.ddm"], "half");
        string running = _folder[$".out.png.{Leftovers.Tag}.0123abcd.tmp"];
        File.WriteAllText(running, "being written");

        int deleted = Leftovers.Delete(_folder.Path, "*");

        Assert.Equal(2, deleted);
        Assert.Equal([Path.GetFileName(running)], _folder.Entries());
    }

    [Fact]
    public void A_process_id_taken_over_by_a_later_process_does_not_protect_the_old_work()
    {
        // This process started after the file's time, so the file's maker, though it had our id, is gone.
        string file = _folder[$".x.{Leftovers.Tag}.0123abcd.tmp"];
        File.WriteAllText(file, "old");
        var started = Process.GetCurrentProcess().StartTime.ToUniversalTime();
        File.SetLastWriteTimeUtc(file, started - TimeSpan.FromMinutes(5));

        Assert.True(Leftovers.CreatorIsGone(Path.GetFileName(file), File.GetLastWriteTimeUtc(file)));
        Assert.Equal(1, Leftovers.Delete(_folder.Path, ".x.*"));
    }

    [Fact]
    public void Work_of_other_machines_and_untagged_files_are_never_judged()
    {
        string otherHost = HostPart == "00000000" ? "11111111" : "00000000";
        File.WriteAllText(_folder[$".a.{SpecialFiles.DeadProcessId()}@{otherHost}.0123abcd.tmp"], "shared folder");
        File.WriteAllText(_folder[".b.0123abcd.tmp"], "older format");

        Assert.Equal(0, Leftovers.Delete(_folder.Path, "*"));
        Assert.Equal(2, _folder.Entries().Length);
    }
}
