using System;
using System.Globalization;

namespace LlamaLog.Engine.Records
{
    /// <summary>One frame of a PowerShell script stack trace: <c>at &lt;name&gt;, &lt;file&gt;: line &lt;n&gt;</c>.</summary>
    public sealed class ScriptFrame
    {
        public ScriptFrame(string text, string name, string fileName, int line)
        {
            Text = text;
            Name = name;
            FileName = fileName;
            Line = line;
        }

        /// <summary>The frame as PowerShell printed it.</summary>
        public string Text { get; }

        /// <summary>The function or script block, e.g. <c>&lt;ScriptBlock&gt;</c> or <c>Get-Thing</c>.</summary>
        public string Name { get; }

        /// <summary>The script's path, or <c>&lt;No file&gt;</c> for a command typed at the prompt.</summary>
        public string FileName { get; }

        public int Line { get; }

        /// <summary>
        /// Reads a frame as PowerShell writes it (<c>at Name, /path/x.ps1: line 12</c>); a frame of another shape
        /// keeps its text as its name, with file "?" and line 0 (structlog's placeholders).
        /// </summary>
        public static ScriptFrame Parse(string text)
        {
            string trimmed = text.Trim();
            const string At = "at ";
            const string LineMark = ": line ";
            int lineAt = trimmed.LastIndexOf(LineMark, StringComparison.Ordinal);
            int comma = lineAt < 0 ? -1 : trimmed.LastIndexOf(", ", lineAt, StringComparison.Ordinal);
            if (trimmed.StartsWith(At, StringComparison.Ordinal) && comma > At.Length
                && int.TryParse(trimmed.Substring(lineAt + LineMark.Length), NumberStyles.None, CultureInfo.InvariantCulture, out int line))
            {
                return new ScriptFrame(trimmed, trimmed.Substring(At.Length, comma - At.Length), trimmed.Substring(comma + 2, lineAt - comma - 2), line);
            }

            return new ScriptFrame(trimmed, trimmed, "?", 0);
        }
    }
}
