namespace Monitor.Tui.Text;

/// <summary>What a piece of text means; the palette decides how it looks (colors, or bold/reverse in monochrome).</summary>
public enum Tone { Normal, Dim, Heading, Accent, Good, Warn, Bad, Selected }
