using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace LlamaLog.Engine.Markup
{
    /// <summary>
    /// A colour as Rich parses it (<c>Color.parse</c>): <c>default</c>, a named colour, <c>#rrggbb</c>,
    /// <c>color(n)</c> or <c>rgb(r,g,b)</c>; with its SGR codes for each colour system, downgraded as Rich does.
    /// Instances are immutable and shared.
    /// </summary>
    public sealed class TerminalColor
    {
        private static readonly Dictionary<string, TerminalColor> Named = BuildNamed();
        private static readonly TerminalColor DefaultColor = new TerminalColor("default", TerminalColorKind.Default, -1, 0);

        // SGR codes per colour system, foreground then background; filled on first use (benign race: same value).
        private readonly string[] sgr = new string[10];

        private TerminalColor(string name, TerminalColorKind kind, int number, int rgb)
        {
            Name = name;
            Kind = kind;
            Number = number;
            Rgb = rgb;
        }

        /// <summary>The colour's name as Rich keeps it: the definition lower-cased and stripped.</summary>
        public string Name { get; }

        public TerminalColorKind Kind { get; }

        /// <summary>The palette number of a standard, 8-bit or Windows colour; -1 otherwise.</summary>
        public int Number { get; }

        /// <summary>The 24-bit value (0xRRGGBB) of a true colour; 0 otherwise.</summary>
        public int Rgb { get; }

        /// <summary>Parses a colour; throws <see cref="StyleSyntaxException"/> with Rich's message when it is not one.</summary>
        /// <exception cref="InvalidColorException">An <c>rgb(...)</c> colour has an empty component.</exception>
        public static TerminalColor Parse(string text)
        {
            if (text == null)
            {
                throw new ArgumentNullException(nameof(text));
            }

            TerminalColor color = TryParse(text, out string error);
            if (color == null)
            {
                throw new StyleSyntaxException(error);
            }

            return color;
        }

        /// <summary>
        /// Parses a colour, or returns null with Rich's <c>ColorParseError</c> message. Only the <c>rgb(,,)</c> case
        /// throws, because Rich does not treat it as a parse error either.
        /// </summary>
        internal static TerminalColor TryParse(string original, out string error)
        {
            error = null;
            string color = Config.PythonText.Lower(Config.PythonText.Strip(original));
            if (color == "default")
            {
                return DefaultColor;
            }

            if (Named.TryGetValue(color, out TerminalColor named))
            {
                return named;
            }

            if (color.Length == 7 && color[0] == '#' && IsLowerHex(color, 1, 7))
            {
                int rgb = int.Parse(color.Substring(1), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                return new TerminalColor(color, TerminalColorKind.TrueColor, -1, rgb);
            }

            if (color.StartsWith("color(", StringComparison.Ordinal) && color.Length >= 8 && color.Length <= 10
                && color[color.Length - 1] == ')' && IsAsciiDigits(color, 6, color.Length - 1))
            {
                int number = int.Parse(color.Substring(6, color.Length - 7), NumberStyles.None, CultureInfo.InvariantCulture);
                if (number > 255)
                {
                    error = "color number must be <= 255 in " + PythonCharacters.Repr(color);
                    return null;
                }

                return new TerminalColor(color, number < 16 ? TerminalColorKind.Standard : TerminalColorKind.EightBit, number, 0);
            }

            if (color.StartsWith("rgb(", StringComparison.Ordinal) && color.Length >= 6 && color[color.Length - 1] == ')'
                && IsRgbBody(color, 4, color.Length - 1))
            {
                return ParseRgb(original, color, out error);
            }

            error = PythonCharacters.Repr(original) + " is not a valid color";
            return null;
        }

        /// <summary>This colour as the given colour system can show it (Rich's <c>Color.downgrade</c>).</summary>
        public TerminalColor Downgrade(ColorSystem system)
        {
            if (Kind == TerminalColorKind.Default || (int)Kind == (int)system)
            {
                return this;
            }

            switch (system)
            {
                case ColorSystem.EightBit when Kind == TerminalColorKind.TrueColor:
                    return new TerminalColor(Name, TerminalColorKind.EightBit, ToEightBit(Rgb), 0);

                case ColorSystem.Standard:
                    int source = Kind == TerminalColorKind.TrueColor ? Rgb : ColorPalettes.EightBit[Number];
                    return new TerminalColor(Name, TerminalColorKind.Standard, MatchPalette(ColorPalettes.Standard, source), 0);

                case ColorSystem.Windows:
                    if (Kind != TerminalColorKind.TrueColor && Number < 16)
                    {
                        return new TerminalColor(Name, TerminalColorKind.Windows, Number, 0);
                    }

                    int rgb = Kind == TerminalColorKind.TrueColor ? Rgb : ColorPalettes.EightBit[Number];
                    return new TerminalColor(Name, TerminalColorKind.Windows, MatchPalette(ColorPalettes.Windows, rgb), 0);

                default:
                    return this;
            }
        }

        /// <summary>The SGR parameters of this colour in a colour system, for example <c>38;5;208</c>; empty for <see cref="ColorSystem.None"/>.</summary>
        public string GetSgr(bool foreground, ColorSystem system)
        {
            if (system == ColorSystem.None)
            {
                return string.Empty;
            }

            int slot = (((int)system - 1) * 2) + (foreground ? 0 : 1);
            string cached = sgr[slot];
            if (cached == null)
            {
                cached = Downgrade(system).Codes(foreground);
                sgr[slot] = cached;
            }

            return cached;
        }

        public override string ToString()
        {
            return Name;
        }

        private static int MatchPalette(int[] palette, int rgb)
        {
            return ColorPalettes.Match(palette, (rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF);
        }

        // Rich maps a true colour to the 256 palette through HLS: low saturation goes to the grey ramp,
        // anything else to the 6x6x6 cube. Math.Round is half-to-even, as Python's round.
        private static int ToEightBit(int rgb)
        {
            int red = (rgb >> 16) & 0xFF;
            int green = (rgb >> 8) & 0xFF;
            int blue = rgb & 0xFF;
            double r = red / 255.0;
            double g = green / 255.0;
            double b = blue / 255.0;
            double max = Math.Max(r, Math.Max(g, b));
            double min = Math.Min(r, Math.Min(g, b));
            double lightness = (max + min) / 2.0;
            double saturation;
            if (max == min)
            {
                saturation = 0.0;
            }
            else if (lightness <= 0.5)
            {
                saturation = (max - min) / (max + min);
            }
            else
            {
                saturation = (max - min) / (2.0 - max - min);
            }

            if (saturation < 0.15)
            {
                int gray = (int)Math.Round(lightness * 25.0);
                return gray == 0 ? 16 : gray == 25 ? 231 : 231 + gray;
            }

            return 16 + (36 * Six(red)) + (6 * Six(green)) + Six(blue);
        }

        private static int Six(int value)
        {
            double scaled = value < 95 ? value / 95.0 : 1 + ((value - 95) / 40.0);
            return (int)Math.Round(scaled);
        }

        private static TerminalColor ParseRgb(string original, string color, out string error)
        {
            error = null;
            string[] components = color.Substring(4, color.Length - 5).Split(',');
            if (components.Length != 3)
            {
                error = "expected three components in " + PythonCharacters.Repr(original);
                return null;
            }

            var values = new int[3];
            for (int i = 0; i < 3; i++)
            {
                values[i] = PythonInt(components[i], original);
            }

            if (values[0] > 255 || values[1] > 255 || values[2] > 255)
            {
                error = "color components must be <= 255 in " + PythonCharacters.Repr(original);
                return null;
            }

            return new TerminalColor(color, TerminalColorKind.TrueColor, -1, (values[0] << 16) | (values[1] << 8) | values[2]);
        }

        // Python's int(str) over text already limited to digits, whitespace and nothing else: surrounding
        // whitespace is ignored, any Unicode decimal digit counts; empty or split text is the ValueError case.
        private static int PythonInt(string component, string original)
        {
            string digits = Config.PythonText.Strip(component);
            bool valid = digits.Length > 0;
            long value = 0;
            for (int i = 0; valid && i < digits.Length; i++)
            {
                int digit = CharUnicodeInfo.GetDecimalDigitValue(digits, i);
                if (digit < 0)
                {
                    valid = false;
                    break;
                }

                value = Math.Min((value * 10) + digit, 100000);
                i += PythonCharacters.CharLength(digits, i) - 1;
            }

            if (!valid)
            {
                throw new InvalidColorException(Config.PythonText.Strip(original), "invalid literal for int() with base 10: " + PythonCharacters.Repr(component));
            }

            return (int)value;
        }

        private static bool IsLowerHex(string text, int start, int end)
        {
            for (int i = start; i < end; i++)
            {
                char c = text[i];
                if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsAsciiDigits(string text, int start, int end)
        {
            if (end <= start)
            {
                return false;
            }

            for (int i = start; i < end; i++)
            {
                if (text[i] < '0' || text[i] > '9')
                {
                    return false;
                }
            }

            return true;
        }

        // Python's [\d\s,]+ : Unicode digits, Python whitespace and commas, at least one.
        private static bool IsRgbBody(string text, int start, int end)
        {
            if (end <= start)
            {
                return false;
            }

            for (int i = start; i < end; i++)
            {
                char c = text[i];
                if (c != ',' && !Config.PythonText.IsWhiteSpace(c) && !PythonCharacters.IsDecimalDigit(text, i))
                {
                    return false;
                }

                i += PythonCharacters.CharLength(text, i) - 1;
            }

            return true;
        }

        private string Codes(bool foreground)
        {
            switch (Kind)
            {
                case TerminalColorKind.Default:
                    return foreground ? "39" : "49";
                case TerminalColorKind.Standard:
                case TerminalColorKind.Windows:
                    int code = Number < 8 ? (foreground ? 30 : 40) + Number : (foreground ? 82 : 92) + Number;
                    return code.ToString(CultureInfo.InvariantCulture);
                case TerminalColorKind.EightBit:
                    return (foreground ? "38;5;" : "48;5;") + Number.ToString(CultureInfo.InvariantCulture);
                default:
                    var text = new StringBuilder(foreground ? "38;2;" : "48;2;");
                    text.Append(((Rgb >> 16) & 0xFF).ToString(CultureInfo.InvariantCulture)).Append(';')
                        .Append(((Rgb >> 8) & 0xFF).ToString(CultureInfo.InvariantCulture)).Append(';')
                        .Append((Rgb & 0xFF).ToString(CultureInfo.InvariantCulture));
                    return text.ToString();
            }
        }

        private static Dictionary<string, TerminalColor> BuildNamed()
        {
            var map = new Dictionary<string, TerminalColor>(StringComparer.Ordinal);
            for (int i = 0; i < ColorNameTable.Names.Length; i++)
            {
                string name = ColorNameTable.Names[i];
                int number = ColorNameTable.Numbers[i];
                map[name] = new TerminalColor(name, number < 16 ? TerminalColorKind.Standard : TerminalColorKind.EightBit, number, 0);
            }

            return map;
        }
    }
}
