using Monitor.Tui.Text;
using Terminal.Gui.Drawing;
using Attribute = Terminal.Gui.Drawing.Attribute;

namespace Monitor.Tui.Views;

/// <summary>
/// How each <see cref="Tone"/> looks. Text uses the terminal's own default colors (Color.None) so the dashboard
/// suits light and dark terminals; monochrome keeps only bold and reverse, for NO_COLOR and --no-color.
/// </summary>
public sealed class Palette
{
    private readonly Dictionary<Tone, Attribute> _attributes;

    private Palette(Dictionary<Tone, Attribute> attributes) => _attributes = attributes;

    public Attribute this[Tone tone] => _attributes[tone];

    public Scheme Scheme => new(this[Tone.Normal]);

    public static Palette Colored() => new(new Dictionary<Tone, Attribute>
    {
        [Tone.Normal] = new(Color.None, Color.None),
        [Tone.Dim] = new(Color.DarkGray, Color.None),
        [Tone.Heading] = new(Color.None, Color.None, TextStyle.Bold),
        [Tone.Accent] = new(Color.Cyan, Color.None),
        [Tone.Good] = new(Color.Green, Color.None),
        [Tone.Warn] = new(Color.Yellow, Color.None),
        [Tone.Bad] = new(Color.BrightRed, Color.None, TextStyle.Bold),
        [Tone.Selected] = new(Color.Black, Color.Cyan),
    });

    public static Palette Monochrome()
    {
        var plain = new Attribute(Color.None, Color.None);
        var bold = new Attribute(Color.None, Color.None, TextStyle.Bold);
        return new(new Dictionary<Tone, Attribute>
        {
            [Tone.Normal] = plain,
            [Tone.Dim] = plain,
            [Tone.Heading] = bold,
            [Tone.Accent] = plain,
            [Tone.Good] = plain,
            [Tone.Warn] = bold,
            [Tone.Bad] = bold,
            [Tone.Selected] = new(Color.None, Color.None, TextStyle.Reverse),
        });
    }
}
