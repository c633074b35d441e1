namespace Monitor.Model;

/// <summary>
/// The words the command line, the JSON formats, recordings and the screen use for the vocabulary's enums: each
/// member's name in lower case (`threads`, `io`, `dotnet`, `interrupted`, ...). One rule for all of them, so a new
/// member is spelled the same everywhere without a table to keep.
/// </summary>
public static class Words
{
    public static string Name<T>(this T value) where T : struct, Enum => value.ToString().ToLowerInvariant();

    /// <summary>The member whose word is <paramref name="text"/> (any case); false for anything else, numbers too.</summary>
    public static bool TryParse<T>(string? text, out T value) where T : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (string.Equals(candidate.Name(), text, StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }
        value = default;
        return false;
    }

    /// <summary>"single | threads | processes | gil": the words a user may give, for help and error messages.</summary>
    public static string Choices<T>(string separator = " | ") where T : struct, Enum => string.Join(separator, Enum.GetValues<T>().Select(v => v.Name()));
}
