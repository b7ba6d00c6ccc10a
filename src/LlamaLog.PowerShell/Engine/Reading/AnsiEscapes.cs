using System.Text;

namespace LlamaLog.Engine.Reading
{
    /// <summary>
    /// Removes terminal escape sequences from a captured line: CSI sequences (colours, <c>ESC [ … m</c>), OSC
    /// sequences (Rich's hyperlinks, <c>ESC ] 8;; … ESC \</c> or BEL) and two-character escapes.
    /// </summary>
    internal static class AnsiEscapes
    {
        public const char Escape = '\u001b';

        public static string Strip(string line)
        {
            int first = line.IndexOf(Escape);
            if (first < 0)
            {
                return line;
            }

            var builder = new StringBuilder(line.Length);
            builder.Append(line, 0, first);
            int i = first;
            while (i < line.Length)
            {
                char c = line[i];
                if (c != Escape)
                {
                    builder.Append(c);
                    i++;
                    continue;
                }

                if (i + 1 >= line.Length)
                {
                    i++;
                    continue;
                }

                char kind = line[i + 1];
                if (kind == '[')
                {
                    // Parameters and intermediates, then one final byte in @..~.
                    i += 2;
                    while (i < line.Length && (line[i] < '@' || line[i] > '~'))
                    {
                        i++;
                    }

                    i++;
                }
                else if (kind == ']')
                {
                    // Up to BEL or ST (ESC \).
                    i += 2;
                    while (i < line.Length && line[i] != '\u0007' && !(line[i] == Escape && i + 1 < line.Length && line[i + 1] == '\\'))
                    {
                        i++;
                    }

                    i += i < line.Length && line[i] == Escape ? 2 : 1;
                }
                else
                {
                    i += 2;
                }
            }

            return builder.ToString();
        }
    }
}
