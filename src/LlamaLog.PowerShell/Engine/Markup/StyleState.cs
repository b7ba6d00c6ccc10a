using System.Text;

namespace LlamaLog.Engine.Markup
{
    /// <summary>
    /// The combined style of the spans over one segment, as a value: layering spans allocates nothing.
    /// <see cref="LinkOwner"/> is the span whose link wins, so every segment of one link shares one OSC 8 id.
    /// </summary>
    internal struct StyleState
    {
        public TextAttributes On;
        public TextAttributes Set;
        public TerminalColor Foreground;
        public TerminalColor Background;
        public string Link;
        public int LinkOwner;

        public static StyleState From(TextStyle style, int owner)
        {
            return new StyleState
            {
                On = style.OnAttributes,
                Set = style.SetAttributes,
                Foreground = style.Foreground,
                Background = style.Background,
                Link = style.Link,
                LinkOwner = style.Link != null ? owner : -1,
            };
        }

        /// <summary>This state with a later span's style laid over it (Rich's <c>a + b</c>).</summary>
        public StyleState Then(TextStyle later, int owner)
        {
            StyleState result = this;
            result.On = (On & ~later.SetAttributes) | later.OnAttributes;
            result.Set = Set | later.SetAttributes;
            if (later.Foreground != null)
            {
                result.Foreground = later.Foreground;
            }

            if (later.Background != null)
            {
                result.Background = later.Background;
            }

            if (later.Link != null)
            {
                result.Link = later.Link;
                result.LinkOwner = owner;
            }

            return result;
        }

        /// <summary>Whether a colour system shows nothing for this state: no SGR code and no link.</summary>
        public bool IsBare(ColorSystem system)
        {
            return system == ColorSystem.None || (On == TextAttributes.None && Foreground == null && Background == null && Link == null);
        }

        public void AppendSgr(StringBuilder output, ColorSystem system)
        {
            TextStyle.AppendSgr(output, On, Foreground, Background, system);
        }
    }
}
