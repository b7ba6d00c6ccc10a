using System.Text;
using LlamaLog.Engine.Levels;
using LlamaLog.Engine.Markup;
using LlamaLog.Engine.Records;

namespace LlamaLog.Engine.Formatting
{
    /// <summary>
    /// A Llama Stack server's console: Rich's handler layout of the seed's line (level column, markup, highlighters,
    /// wrapping) and, for a record with an exception, the traceback panel and exception lines under it in the
    /// message column, as <c>rich_tracebacks=True</c> places them. Properties follow the message as in the file,
    /// escaped so that a value is never read as markup.
    /// </summary>
    public sealed class RichConsoleFormatter : IConsoleFormatter
    {
        public static readonly RichConsoleFormatter Instance = new RichConsoleFormatter();

        [System.ThreadStatic]
        private static StringBuilder lineBuilder;

        private RichConsoleFormatter()
        {
        }

        public void Format(LogRecord record, int width, ColorSystem colors, StringBuilder output)
        {
            StringBuilder line = lineBuilder ?? (lineBuilder = new StringBuilder(256));
            line.Clear();
            TextLineFormatter.AppendPrefix(line, record.Time, record.Name, record.Line, record.Category);
            int prefixLength = line.Length;
            string message = record.Message;
            if (record.Properties.Count > 0)
            {
                int start = line.Length;
                line.Append(message);
                int suffix = line.Length;
                TextLineFormatter.AppendProperties(line, record.Properties);
                if (record.Markup)
                {
                    string escaped = RichMarkup.Escape(line.ToString(suffix, line.Length - suffix));
                    line.Length = suffix;
                    line.Append(escaped);
                }

                message = line.ToString(start, line.Length - start);
            }
            else
            {
                line.Append(message);
            }

            string text = line.ToString();
            if (line.Capacity > 1 << 16)
            {
                // A huge record must not keep its buffer alive on this thread.
                lineBuilder = null;
            }

            RecordLineLayout.Render(output, record.Level, LevelNames.ToPythonName(record.Level), text, prefixLength, message, record.Markup, width, colors);
            if (record.Exception != null)
            {
                TracebackPanel.Append(output, record.Exception, width, colors);
            }
        }
    }
}
