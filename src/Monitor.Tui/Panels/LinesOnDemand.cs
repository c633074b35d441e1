using System.Collections;
using Monitor.Tui.Text;

namespace Monitor.Tui.Panels;

/// <summary>
/// Body lines made only when drawn, each once: a panel of hundreds of rows shows a screenful, so making every line
/// per refresh (figures formatted, bars, sparklines) would cost a hundred times what is seen.
/// </summary>
public sealed class LinesOnDemand(int count, Func<int, StyledLine> make) : IReadOnlyList<StyledLine>
{
    private readonly StyledLine?[] _made = new StyledLine?[count];

    public int Count => count;

    public StyledLine this[int index] => _made[index] ??= make(index);

    public IEnumerator<StyledLine> GetEnumerator()
    {
        for (int i = 0; i < count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
