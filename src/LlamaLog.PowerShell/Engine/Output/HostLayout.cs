using System.Text;
using LlamaLog.Engine.Levels;
using LlamaLog.Engine.Markup;

namespace LlamaLog.Engine.Output
{
    /// <summary>
    /// The host text of a record: Rich's handler layout of the formatted line and, for a record with an
    /// exception, the traceback panel and exception lines under it in the message column, as
    /// <c>rich_tracebacks=True</c> places them.
    /// </summary>
    public static class HostLayout
    {
        /// <summary>The host text of a record whose line is <paramref name="prefixLength"/> characters of file prefix and its message.</summary>
        public static string Render(LogRecord record, string line, int prefixLength, int width, ColorSystem colors)
        {
            var output = new StringBuilder(line.Length + 32);
            Append(output, record, line, prefixLength, width, colors);
            return output.ToString();
        }

        /// <summary>
        /// Appends the host text of a record to <paramref name="output"/>, each line ending in "\n". The line is
        /// <paramref name="prefixLength"/> characters of file prefix followed by the record's message.
        /// </summary>
        public static void Append(StringBuilder output, LogRecord record, string line, int prefixLength, int width, ColorSystem colors)
        {
            RecordLineLayout.Render(output, record.Level, LevelNames.ToPythonName(record.Level), line, prefixLength, record.Message, record.Markup, width, colors);
            if (record.Exception != null)
            {
                TracebackPanel.Append(output, record.Exception, width, colors);
            }
        }
    }
}
