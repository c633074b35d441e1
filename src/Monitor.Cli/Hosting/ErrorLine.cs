namespace Monitor.Cli.Hosting;

/// <summary>One line for stderr, however much an input put into it: a manifest can name a file with a megabyte of
/// characters, or list 200,000 missing traces. A message is cut at <see cref="MaxLength"/> characters and a list
/// says how many it left out.</summary>
public static class ErrorLine
{
    public const int MaxLength = 500;

    /// <summary>"monitor: " and <paramref name="message"/> on one line, at most <see cref="MaxLength"/> characters of it.</summary>
    public static string Of(string message)
    {
        string one = message.ReplaceLineEndings(" ");
        return "monitor: " + (one.Length <= MaxLength ? one : one[..(MaxLength - 1)] + "…");
    }

    /// <summary>The first <paramref name="shown"/> items joined with "; ", and how many more there are.</summary>
    public static string List(IReadOnlyList<string> items, int shown = 3) =>
        items.Count <= shown
            ? string.Join("; ", items)
            : string.Join("; ", items.Take(shown)) + $"; and {items.Count - shown:N0} more";
}
