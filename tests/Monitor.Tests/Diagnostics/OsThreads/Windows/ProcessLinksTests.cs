using Monitor.Diagnostics.Sources.OsThreads.Windows;
using static Monitor.Tests.Diagnostics.OsThreads.Windows.SystemProcessBufferWriter;

namespace Monitor.Tests.Diagnostics.OsThreads.Windows;

public sealed class ProcessLinksTests
{
    [Fact]
    public void Descendants_come_from_the_table_parents_first()
    {
        var (buffer, _) = SampleTable.Write();

        var links = ProcessLinks.Of(buffer);

        Assert.Equal([5000, 7344], links.Descendants(1200));
        Assert.Equal([7344], links.Descendants(5000));
        Assert.Empty(links.Descendants(7344));
        Assert.Empty(links.Descendants(880)); // Monitor's creator is not in the table: nothing known below it
        Assert.Equal(1200, links.ParentOf(5000));
        Assert.Null(links.ParentOf(1200));
    }

    [Fact]
    public void A_child_older_than_its_named_parent_belongs_to_a_parent_whose_pid_was_reused()
    {
        // 300 started 100; 100 ended and its pid went to a newer process. 300 still names 100 as its creator.
        var links = new ProcessLinks(
        [
            (Pid: 100, ParentPid: 4, CreateTime: 5_000),
            (Pid: 300, ParentPid: 100, CreateTime: 2_000),
            (Pid: 400, ParentPid: 100, CreateTime: 6_000),
            (Pid: 4, ParentPid: 0, CreateTime: 1),
        ]);

        Assert.Equal([400], links.Descendants(100));
        Assert.Null(links.ParentOf(300));
        Assert.False(links.IsDescendantOf(300, new HashSet<int> { 100 }));
        Assert.True(links.IsDescendantOf(400, new HashSet<int> { 100 }));
        Assert.True(links.IsDescendantOf(400, new HashSet<int> { 4 }));
    }

    [Fact]
    public void The_same_create_time_still_counts_as_a_child()
    {
        var links = new ProcessLinks([(Pid: 10, ParentPid: 0, CreateTime: 7), (Pid: 20, ParentPid: 10, CreateTime: 7)]);

        Assert.Equal([20], links.Descendants(10));
    }

    [Fact]
    public void The_pid_reuse_guard_reads_create_times_from_the_table()
    {
        var reused = SampleTable.Monitor with { CreateTime = SampleTable.WorkerCreated + 1 }; // younger than its "child"
        var (buffer, _) = Write(reused, SampleTable.Worker, SampleTable.Python);

        var links = ProcessLinks.Of(buffer);

        Assert.Empty(links.Descendants(1200));
        Assert.Equal([7344], links.Descendants(5000));
        Assert.False(links.IsDescendantOf(7344, new HashSet<int> { 1200 }));
        Assert.True(links.IsDescendantOf(7344, new HashSet<int> { 5000 }));
    }

    [Fact]
    public void Idle_and_System_naming_each_other_or_themselves_make_no_loop()
    {
        var links = new ProcessLinks([(Pid: 0, ParentPid: 0, CreateTime: 0), (Pid: 4, ParentPid: 0, CreateTime: 0), (Pid: 8, ParentPid: 4, CreateTime: 0)]);

        Assert.Equal([4, 8], links.Descendants(0));
        Assert.False(links.IsDescendantOf(0, new HashSet<int> { 8 }));
        Assert.True(links.IsDescendantOf(8, new HashSet<int> { 0 }));
    }
}
