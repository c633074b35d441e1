using System.Text;
using Monitor.Diagnostics.Sources.EventPipe.MacOS;

namespace Monitor.Tests.Diagnostics.EventPipe.MacOS;

/// <summary>KERN_PROCARGS2 buffers built from the documented layout (argc, the executable path, NUL padding, the
/// arguments, the environment), not recorded on a Mac.</summary>
public sealed class ProcessArgumentsTests
{
    private static byte[] ProcArgs(int argc, string executable, int padding, params string[] strings)
    {
        var stream = new MemoryStream();
        var w = new BinaryWriter(stream);
        w.Write(argc);
        w.Write(Encoding.UTF8.GetBytes(executable));
        w.Write(new byte[padding]); // the path's NUL and the padding that aligns what follows
        foreach (var s in strings)
        {
            w.Write(Encoding.UTF8.GetBytes(s));
            w.Write((byte)0);
        }
        return stream.ToArray();
    }

    [Fact]
    public void The_arguments_are_joined_and_the_environment_after_them_is_left_out()
    {
        var buffer = ProcArgs(3, "/usr/local/share/dotnet/dotnet", 6, "dotnet", "app.dll", "--port=5000", "HOME=/Users/me", "TMPDIR=/var/folders/x");

        Assert.Equal("dotnet app.dll --port=5000", ProcessArguments.Parse(buffer));
    }

    [Fact]
    public void Arguments_are_utf8()
    {
        Assert.Equal("./wörker --name=線程", ProcessArguments.Parse(ProcArgs(2, "/Users/me/wörker", 1, "./wörker", "--name=線程")));
    }

    [Fact]
    public void A_buffer_cut_short_gives_the_arguments_it_holds()
    {
        var buffer = ProcArgs(3, "/bin/x", 2, "x", "first", "second");

        Assert.Equal("x first", ProcessArguments.Parse(buffer.AsSpan(0, buffer.Length - "second".Length - 1)));
        Assert.Equal("x first se", ProcessArguments.Parse(buffer.AsSpan(0, buffer.Length - 5)));
    }

    [Fact]
    public void No_count_no_path_or_no_arguments_is_no_command_line()
    {
        Assert.Null(ProcessArguments.Parse([]));
        Assert.Null(ProcessArguments.Parse([1, 0]));
        Assert.Null(ProcessArguments.Parse(ProcArgs(0, "/bin/x", 1, "x")));
        Assert.Null(ProcessArguments.Parse(ProcArgs(-1, "/bin/x", 1, "x")));
        Assert.Null(ProcessArguments.Parse(ProcArgs(1, "/bin/x-without-its-nul", 0)));
        Assert.Null(ProcessArguments.Parse(ProcArgs(1, "/bin/x", 4)));
    }
}
