using System;
using LlamaLog.Engine.Markup;

namespace LlamaLog.Engine.Formatting
{
    /// <summary>
    /// Decides the colour system as Rich does for a terminal (COLORTERM, then the TERM suffix), with
    /// PowerShell's convention on top: NO_COLOR means no escape codes at all.
    /// </summary>
    public static class TerminalColors
    {
        /// <summary>The colours for a console already known to take escape codes (or not).</summary>
        public static ColorSystem For(bool isTerminal)
        {
            if (!isTerminal || Environment.GetEnvironmentVariable("NO_COLOR") != null)
            {
                return ColorSystem.None;
            }

            string term = (Environment.GetEnvironmentVariable("TERM") ?? string.Empty).Trim().ToLowerInvariant();
            if (term == "dumb" || term == "unknown")
            {
                return ColorSystem.None;
            }

            string colorTerm = (Environment.GetEnvironmentVariable("COLORTERM") ?? string.Empty).Trim().ToLowerInvariant();
            if (colorTerm == "truecolor" || colorTerm == "24bit")
            {
                return ColorSystem.TrueColor;
            }

            int dash = term.LastIndexOf('-');
            string suffix = dash >= 0 ? term.Substring(dash + 1) : term;
            return suffix == "256color" || suffix == "kitty" ? ColorSystem.EightBit : ColorSystem.Standard;
        }

        /// <summary>Standard error takes escape codes when it is a terminal, or when FORCE_COLOR is set (as Rich).</summary>
        public static ColorSystem ForStandardError()
        {
            bool terminal = Environment.GetEnvironmentVariable("FORCE_COLOR") != null || !Console.IsErrorRedirected;
            return For(terminal);
        }

        /// <summary>
        /// The host takes escape codes when it supports virtual terminal sequences and PowerShell's output
        /// rendering is not PlainText; which ones (LogSettings.TerminalColors) was decided from the environment at setup.
        /// </summary>
        public static bool TakesEscapes(bool supportsVirtualTerminal, string outputRendering)
        {
            return supportsVirtualTerminal && !string.Equals(outputRendering, "PlainText", StringComparison.OrdinalIgnoreCase);
        }
    }
}
