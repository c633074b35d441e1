using System.Text.Json;
using Monitor.Model;

namespace Monitor.Recording.Replay;

/// <summary>One recorded run's result: <see cref="Line"/> is its `run --json` result line verbatim, <see cref="Summary"/>
/// the same line read; <see cref="EndedAt"/> when the run ended (null if unknown).</summary>
public sealed record RecordedRunResult(DateTimeOffset? EndedAt, ResultLine Summary, JsonElement Line);
