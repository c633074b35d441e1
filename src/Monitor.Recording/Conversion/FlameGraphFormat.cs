namespace Monitor.Recording.Conversion;

/// <summary>What `monitor convert` writes: speedscope (https://www.speedscope.app) or Chromium's trace-event JSON
/// (chrome://tracing, Perfetto, Edge DevTools).</summary>
public enum FlameGraphFormat { Speedscope, Chromium }

public static class FlameGraphFormats
{
    public static string Extension(this FlameGraphFormat format) => format == FlameGraphFormat.Speedscope ? ".speedscope.json" : ".chromium.json";
}
