using System.Text;
using Monitor.Diagnostics.Sources.EventPipe;

namespace Monitor.Tests.Diagnostics.EventPipe.MacOS;

/// <summary>Where the private socket directory goes on macOS, whose sun_path is 104 bytes (Linux: 108).</summary>
public sealed class SocketDirectoryParentTests
{
    // The longest socket path Monitor makes below the parent: "/monitor-" + a 10-digit pid + "-XXXXXX" + "/w" + a
    // 10-digit counter + ".sock", and the NUL.
    private static readonly int Tail = Encoding.UTF8.GetByteCount("/monitor-2147483647-abcdef/w2147483647.sock") + 1;

    [Fact]
    public void The_parent_leaves_room_for_the_longest_socket_path_in_sun_path()
    {
        // Within sun_path, with at most the one byte to spare that the Linux limit always kept.
        Assert.InRange(PrivateSocketDirectory.MaxParentLengthFor(macOS: true) + Tail, 103, 104);
        Assert.InRange(PrivateSocketDirectory.MaxParentLengthFor(macOS: false) + Tail, 107, 108);
    }

    [Fact]
    public void The_usual_per_user_temp_dir_of_macOS_is_short_enough_to_be_used()
    {
        // confstr(_CS_DARWIN_USER_TEMP_DIR)'s shape: /var/folders/XX/<30 characters>/T
        string temp = "/var/folders/8x/7bq3d0y54x1bz_r6t1gxkjf80000gn/T";

        Assert.Equal(temp, PrivateSocketDirectory.Choose(temp, PrivateSocketDirectory.MaxParentLengthFor(macOS: true), _ => true));
    }

    [Fact]
    public void A_temp_dir_too_long_for_macOS_falls_back_to_tmp()
    {
        // 60 bytes: fits Linux's sun_path, not macOS's.
        string temp = "/Users/someone/Library/Caches/TemporaryItems/monitor-tmp/abc";
        Assert.Equal(60, Encoding.UTF8.GetByteCount(temp));

        Assert.Equal("/tmp", PrivateSocketDirectory.Choose(temp, PrivateSocketDirectory.MaxParentLengthFor(macOS: true), _ => true));
        Assert.Equal(temp, PrivateSocketDirectory.Choose(temp, PrivateSocketDirectory.MaxParentLengthFor(macOS: false), _ => true));
    }

    [Fact]
    public void Length_is_counted_in_utf8_bytes_not_characters()
    {
        // 30 characters, 60 bytes.
        string temp = "/" + new string('é', 29) + "x";
        Assert.Equal(60, Encoding.UTF8.GetByteCount(temp));

        Assert.Equal("/tmp", PrivateSocketDirectory.Choose(temp, PrivateSocketDirectory.MaxParentLengthFor(macOS: true), _ => true));
    }

    [Fact]
    public void Without_tmp_the_last_resort_is_dev_shm_and_then_nothing()
    {
        string longTemp = "/" + new string('t', 70);

        Assert.Equal("/dev/shm", PrivateSocketDirectory.Choose(longTemp, 59, p => p != "/tmp"));
        Assert.Null(PrivateSocketDirectory.Choose(longTemp, 59, _ => false));
    }
}
