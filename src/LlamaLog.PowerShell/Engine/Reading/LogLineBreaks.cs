using System.Collections.Generic;

namespace LlamaLog.Engine.Reading
{
    /// <summary>
    /// Line breaks as <see cref="System.IO.TextReader.ReadLine"/> reads them ("\r\n", "\n" and a lone "\r"), for
    /// the readers that find line ends themselves (a file read backwards, a file followed as it grows): they split
    /// at '\n', the one break that never waits for the next character, and hand the text between to this.
    /// </summary>
    public static class LogLineBreaks
    {
        /// <summary>Adds the lines of <paramref name="text"/>, which held no '\n' and was ended by one, to <paramref name="lines"/>.</summary>
        public static void AddLines(string text, List<string> lines)
        {
            int end = text.Length;
            if (end > 0 && text[end - 1] == '\r')
            {
                end--;
            }

            int start = 0;
            int cr;
            while ((cr = text.IndexOf('\r', start, end - start)) >= 0)
            {
                lines.Add(text.Substring(start, cr - start));
                start = cr + 1;
            }

            lines.Add(start == 0 && end == text.Length ? text : text.Substring(start, end - start));
        }
    }
}
