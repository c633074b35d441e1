using System.Text.Json;
using System.Text.Json.Serialization;

namespace Monitor.Model;

/// <summary>
/// A figure written rounded to a fixed number of decimals (what the reading can tell, and lines stay short), read back
/// as written. One class per precision, so a property says its precision by its attribute:
/// <c>[property: JsonConverter(typeof(Rounded1Converter))] double CpuPercent</c>. A nullable property takes the same
/// converter (null is left out, as every optional field is).
/// </summary>
public abstract class RoundedConverter(int decimals) : JsonConverter<double>
{
    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDouble();

    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options) =>
        writer.WriteNumberValue(Math.Round(value, decimals));
}

/// <summary>Whole numbers: rates such as iterations per second.</summary>
public sealed class Rounded0Converter() : RoundedConverter(0);

/// <summary>One decimal: CPU %, ms of elapsed and CPU time.</summary>
public sealed class Rounded1Converter() : RoundedConverter(1);

/// <summary>Two decimals: effective parallelism.</summary>
public sealed class Rounded2Converter() : RoundedConverter(2);

/// <summary>Three decimals: seconds on a timeline, waits in ms, a thread's CPU ms as a worker reports it.</summary>
public sealed class Rounded3Converter() : RoundedConverter(3);

/// <summary>Four decimals: progress (a fraction).</summary>
public sealed class Rounded4Converter() : RoundedConverter(4);
