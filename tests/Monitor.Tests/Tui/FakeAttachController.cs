using Monitor.Model;

namespace Monitor.Tests.Tui;

/// <summary>A fake attach: no workloads, canned choices for the picker, and what the picker asked for.</summary>
public sealed class FakeAttachController(params TargetChoice[] choices) : FakeMonitorController(canRunWorkloads: false), ITargetControls
{
    public List<int> Added { get; } = [];
    public List<int> Removed { get; } = [];
    public int ChoicesRead { get; private set; }

    public IReadOnlyList<TargetChoice> Choices()
    {
        ChoicesRead++;
        return choices;
    }

    public void Add(int pid) => Added.Add(pid);

    public void Remove(int pid) => Removed.Add(pid);
}
