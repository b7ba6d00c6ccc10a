using System.Collections.Generic;
using System.Text;
using LlamaLog.Engine.Markup;
using LlamaLog.Engine.Records;

namespace LlamaLog.Engine.Formatting
{
    /// <summary>
    /// The analogue of Rich's traceback for a PowerShell error: a rounded panel titled
    /// <c>Traceback (most recent call last)</c> holding the script stack trace, then <c>Type: message</c> for the
    /// exception and each inner one (every one of an aggregate, numbered). It sits in the message column: indented 9 cells, as wide as the column.
    /// Like the rest of the layout, lines carry no bare padding after their last visible cell.
    /// </summary>
    public static class TracebackPanel
    {
        private const string Indent = "         ";
        private const string Title = " Traceback (most recent call last) ";
        private const string Border = "\u001b[31m";
        private const string TitleStyle = "\u001b[1;31m";
        private const string TitleDimStyle = "\u001b[1;2;31m";
        private const string TypeStyle = "\u001b[1;91m";
        private const string Reset = "\u001b[0m";

        public static void Append(StringBuilder output, ExceptionDetails details, int width, ColorSystem colors)
        {
            int column = width - Indent.Length;
            bool ansi = colors != ColorSystem.None;
            if (details.ScriptStackTrace.Count > 0 && column >= Title.Length + 4)
            {
                AppendPanel(output, details.ScriptStackTrace, column, ansi);
            }

            foreach (KeyValuePair<string, string> line in details.ExceptionLines())
            {
                if (line.Key.Length == 0)
                {
                    AppendWrapped(output, line.Value, column);
                }
                else if (ansi)
                {
                    output.Append(Indent).Append(TypeStyle).Append(line.Key).Append(Reset);
                    AppendWrappedRest(output, line.Value, column - CellWidth.Of(line.Key), column);
                }
                else
                {
                    AppendWrapped(output, line.Key + line.Value, column);
                }
            }
        }

        private static void AppendPanel(StringBuilder output, IReadOnlyList<string> frames, int column, bool ansi)
        {
            int dashes = column - 2 - Title.Length;
            int left = dashes / 2;
            output.Append(Indent);
            if (ansi)
            {
                output.Append(Border).Append('╭').Append('─', left).Append(Reset)
                    .Append(TitleStyle).Append(" Traceback ").Append(Reset)
                    .Append(TitleDimStyle).Append("(most recent call last)").Append(Reset)
                    .Append(Border).Append(' ').Append('─', dashes - left).Append('╮').Append(Reset);
            }
            else
            {
                output.Append('╭').Append('─', left).Append(Title).Append('─', dashes - left).Append('╮');
            }

            output.Append('\n');
            int inner = column - 4;

            // PowerShell lists the innermost frame first; a traceback reads most recent call last.
            for (int i = frames.Count - 1; i >= 0; i--)
            {
                foreach (string piece in Fold(frames[i].Trim(), inner))
                {
                    AppendPanelLine(output, piece, inner, ansi);
                }
            }

            output.Append(Indent);
            output.Append(ansi ? Border : string.Empty).Append('╰').Append('─', column - 2).Append('╯').Append(ansi ? Reset : string.Empty).Append('\n');
        }

        private static void AppendPanelLine(StringBuilder output, string text, int inner, bool ansi)
        {
            output.Append(Indent);
            output.Append(ansi ? Border + "│" + Reset : "│").Append(' ').Append(text);
            output.Append(' ', inner - CellWidth.Of(text) + 1);
            output.Append(ansi ? Border + "│" + Reset : "│").Append('\n');
        }

        private static void AppendWrapped(StringBuilder output, string text, int column)
        {
            foreach (string piece in Fold(text, column))
            {
                output.Append(Indent).Append(piece).Append('\n');
            }
        }

        private static void AppendWrappedRest(StringBuilder output, string text, int firstWidth, int column)
        {
            List<string> pieces = Fold(text, firstWidth < 1 ? 1 : firstWidth);
            output.Append(pieces.Count > 0 ? pieces[0] : string.Empty).Append('\n');
            if (pieces.Count > 1)
            {
                AppendWrapped(output, text.Substring(pieces[0].Length), column);
            }
        }

        /// <summary>Cuts text into pieces of at most <paramref name="cells"/> cells, never splitting a surrogate pair.</summary>
        private static List<string> Fold(string text, int cells)
        {
            var pieces = new List<string>();
            int start = 0;
            int used = 0;
            for (int i = 0; i < text.Length;)
            {
                int length = char.IsHighSurrogate(text[i]) && i + 1 < text.Length ? 2 : 1;
                int codePoint = length == 2 ? char.ConvertToUtf32(text[i], text[i + 1]) : text[i];
                int width = CellWidth.Of(codePoint);
                if (used + width > cells && i > start)
                {
                    pieces.Add(text.Substring(start, i - start));
                    start = i;
                    used = 0;
                }

                used += width;
                i += length;
            }

            pieces.Add(text.Substring(start));
            return pieces;
        }
    }
}
