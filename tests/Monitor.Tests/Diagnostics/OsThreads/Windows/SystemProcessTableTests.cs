using System.Buffers.Binary;
using Monitor.Diagnostics.Sources.OsThreads.Windows;
using static Monitor.Tests.Diagnostics.OsThreads.Windows.SystemProcessBufferWriter;

namespace Monitor.Tests.Diagnostics.OsThreads.Windows;

public sealed class SystemProcessTableTests
{
    [Fact]
    public void Reads_every_process_field_at_its_x64_offset()
    {
        var (buffer, offsets) = SampleTable.Write();

        var all = SystemProcessTable.All(buffer);

        Assert.Equal([1200, 5000, 7344], all.Select(e => e.ProcessId));
        Assert.Equal([880, 1200, 5000], all.Select(e => e.ParentProcessId));
        Assert.Equal(offsets, all.Select(e => e.Offset));
        var w = all[1];
        Assert.Equal((uint)(offsets[2] - offsets[1]), w.NextEntryOffset);
        Assert.Equal(0u, all[2].NextEntryOffset);
        Assert.Equal(10u, w.NumberOfThreads);
        Assert.Equal(30L << 20, w.WorkingSetPrivateSize);
        Assert.Equal(SampleTable.WorkerCreated, w.CreateTime);
        Assert.Equal(98_765_432, w.UserTime);
        Assert.Equal(1_234_567, w.KernelTime);
        Assert.Equal("Monitor.Worker.EXE".Length * 2, w.ImageNameLength);
        Assert.Equal(6, w.BasePriority);
        Assert.Equal(321u, w.HandleCount);
        Assert.Equal(2u, w.SessionId);
        Assert.Equal(64L << 20, w.PeakWorkingSetSize);
        Assert.Equal(48L << 20, w.WorkingSetSize);
        Assert.Equal(40L << 20, w.PrivatePageCount);
        Assert.Equal((1, 2, 3), (w.ReadOperationCount, w.WriteOperationCount, w.OtherOperationCount));
        Assert.Equal((4096, 8192, 16384), (w.ReadTransferCount, w.WriteTransferCount, w.OtherTransferCount));
    }

    [Fact]
    public void Reads_every_thread_field_at_its_x64_offset()
    {
        var (buffer, _) = SampleTable.Write();
        Assert.True(SystemProcessTable.TryFind(buffer, 5000, out var worker));

        Assert.Equal(10, SystemProcessTable.ThreadCount(buffer, worker));
        for (int state = 0; state < 10; state++)
        {
            var t = SystemProcessTable.Thread(buffer, worker, state);
            Assert.Equal(
                new SystemThreadEntry(
                    KernelTime: 1_000 * state,
                    UserTime: 1_234_567 + state,
                    CreateTime: SampleTable.WorkerCreated + 100 * state,
                    WaitTime: 17,
                    StartAddress: 0x7FF6_1234_0000 + (ulong)state,
                    ProcessId: 5000,
                    ThreadId: 5004 + 4 * state,
                    Priority: 7 + state,
                    BasePriority: 6,
                    ContextSwitches: 1000u + (uint)state,
                    State: (KThreadState)state,
                    WaitReason: 13),
                t);
        }
    }

    [Fact]
    public void Image_names_are_read_through_their_pointer_into_the_buffer()
    {
        var (buffer, _) = SampleTable.Write();

        Assert.Equal(
            ["monitor.exe", "Monitor.Worker.EXE", "python.exe"],
            SystemProcessTable.All(buffer).Select(e => SystemProcessTable.ImageName(buffer, BaseAddress, e)));
        // The same pointers seen from a buffer that the system had put elsewhere point outside it.
        Assert.All(SystemProcessTable.All(buffer), e => Assert.Equal("", SystemProcessTable.ImageName(buffer, BaseAddress + 0x10_0000, e)));
        Assert.All(SystemProcessTable.All(buffer), e => Assert.Equal("", SystemProcessTable.ImageName(buffer, BaseAddress - 0x10_0000, e)));
    }

    [Fact]
    public void The_idle_process_has_no_name_and_is_read_like_any_other()
    {
        var (buffer, _) = Write(
            new TableProcess(0, 0, null, 0, [new TableThread(0, 5_000_000, 0, 0, State: 2)]),
            SampleTable.Python);

        var all = SystemProcessTable.All(buffer);

        Assert.Equal([0, 7344], all.Select(e => e.ProcessId));
        Assert.Equal("", SystemProcessTable.ImageName(buffer, BaseAddress, all[0]));
        Assert.Equal("python.exe", SystemProcessTable.ImageName(buffer, BaseAddress, all[1]));
    }

    [Fact]
    public void A_buffer_cut_inside_a_thread_list_keeps_the_whole_threads_before_the_cut()
    {
        var (buffer, offsets) = SampleTable.Write();
        // Cut the worker after its header and 3.5 threads.
        var cut = buffer.AsSpan(0, offsets[1] + 0x100 + 3 * 0x50 + 0x28).ToArray();

        var all = SystemProcessTable.All(cut);

        Assert.Equal([1200, 5000], all.Select(e => e.ProcessId));
        Assert.Equal(3, SystemProcessTable.ThreadCount(cut, all[1]));
        Assert.Equal(5012, SystemProcessTable.Thread(cut, all[1], 2).ThreadId);
        Assert.Equal("", SystemProcessTable.ImageName(cut, BaseAddress, all[1])); // its name lay past the cut
        Assert.Equal("monitor.exe", SystemProcessTable.ImageName(cut, BaseAddress, all[0]));
    }

    [Fact]
    public void A_buffer_cut_inside_a_process_entry_ends_the_chain_before_it()
    {
        var (buffer, offsets) = SampleTable.Write();

        Assert.Equal([1200], SystemProcessTable.All(buffer.AsSpan(0, offsets[1] + 0xFF)).Select(e => e.ProcessId));
        Assert.Empty(SystemProcessTable.All(buffer.AsSpan(0, 0xFF)));
        Assert.Empty(SystemProcessTable.All([]));
        Assert.False(SystemProcessTable.TryFind(buffer.AsSpan(0, offsets[1] + 0xFF), 5000, out _));
    }

    [Fact]
    public void A_next_entry_offset_pointing_outside_ends_the_chain_after_that_entry()
    {
        var (buffer, offsets) = SampleTable.Write();
        BinaryPrimitives.WriteUInt32LittleEndian(buffer.AsSpan(offsets[1]), 0xFFFF_FFF0);

        var all = SystemProcessTable.All(buffer);

        Assert.Equal([1200, 5000], all.Select(e => e.ProcessId));
        // Its threads are bounded by the buffer, not by the bogus link.
        Assert.Equal(10, SystemProcessTable.ThreadCount(buffer, all[1]));
        Assert.False(SystemProcessTable.TryFind(buffer, 7344, out _));
    }

    [Fact]
    public void A_thread_count_larger_than_the_buffer_yields_the_threads_that_are_there()
    {
        var last = SampleTable.Python with { DeclaredThreadCount = 1_000_000 };
        var (buffer, _) = Write(SampleTable.Monitor, last);
        Assert.True(SystemProcessTable.TryFind(buffer, 7344, out var python));

        // Three threads and the name's bytes follow the header: 3 whole thread entries, no more.
        Assert.Equal(3, SystemProcessTable.ThreadCount(buffer, python));
        Assert.Equal([7348, 7352, 7356], Enumerable.Range(0, 3).Select(i => SystemProcessTable.Thread(buffer, python, i).ThreadId));
        Assert.Throws<ArgumentOutOfRangeException>(() => SystemProcessTable.Thread(buffer, python, 3));
    }

    [Fact]
    public void A_thread_count_reaching_into_the_next_entry_stops_at_it()
    {
        var (buffer, offsets) = Write(SampleTable.Monitor with { DeclaredThreadCount = 50 }, SampleTable.Python);
        Assert.True(SystemProcessTable.TryFind(buffer, 1200, out var monitor));

        // Between the header and the next entry there are 2 threads and the name (24 bytes): room for 2 entries.
        Assert.Equal((offsets[1] - 0x100) / 0x50, SystemProcessTable.ThreadCount(buffer, monitor));
        Assert.Equal(2, SystemProcessTable.ThreadCount(buffer, monitor));
    }

    [Fact]
    public void Ids_too_large_for_a_dword_read_as_minus_one()
    {
        var (buffer, offsets) = SampleTable.Write();
        BinaryPrimitives.WriteUInt64LittleEndian(buffer.AsSpan(offsets[2] + 0x50), 0x1_0000_0000);

        Assert.Equal([1200, 5000, -1], SystemProcessTable.All(buffer).Select(e => e.ProcessId));
    }

    [Fact]
    public void Random_bytes_never_throw()
    {
        var (table, _) = SampleTable.Write();
        for (int seed = 0; seed < 500; seed++)
        {
            var random = new Random(seed);
            var buffer = seed % 2 == 0 ? new byte[random.Next(0, 4096)] : (byte[])table.Clone();
            if (seed % 2 == 0) random.NextBytes(buffer);
            else for (int i = 0; i < 16; i++) buffer[random.Next(buffer.Length)] = (byte)random.Next(256);
            // Small links keep random chains going for a while.
            if (buffer.Length >= 4 && seed % 4 == 0) BinaryPrimitives.WriteUInt32LittleEndian(buffer, (uint)random.Next(0, 0x400));

            foreach (var entry in SystemProcessTable.All(buffer))
            {
                _ = SystemProcessTable.ImageName(buffer, BaseAddress, entry);
                int count = SystemProcessTable.ThreadCount(buffer, entry);
                Assert.True(count >= 0 && count <= entry.NumberOfThreads);
                for (int i = 0; i < count; i++) _ = SystemProcessTable.Thread(buffer, entry, i);
            }
        }
    }
}
