using System;
using System.Management.Automation;
using LlamaLog.Engine.Markup;

namespace LlamaLog.Cmdlets
{
    /// <summary>
    /// Converts Rich markup to its plain text, or to the ANSI text Rich prints for it on a true-colour terminal.
    /// </summary>
    [Cmdlet(VerbsData.ConvertFrom, "LlamaLogMarkup")]
    [OutputType(typeof(string))]
    public sealed class ConvertFromLlamaLogMarkupCommand : PSCmdlet
    {
        public const string PlainText = "PlainText";
        public const string Ansi = "Ansi";

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string Text { get; set; }

        [Parameter]
        [ValidateSet(PlainText, Ansi)]
        public string As { get; set; } = PlainText;

        /// <summary>With -As Ansi: also colour numbers, strings, URLs and the like, under the markup's own styles.</summary>
        [Parameter]
        public SwitchParameter Highlight { get; set; }

        protected override void ProcessRecord()
        {
            try
            {
                string result = string.Equals(As, Ansi, StringComparison.OrdinalIgnoreCase)
                    ? ConsoleMarkupRenderer.Render(Text, ColorSystem.TrueColor, Highlight.IsPresent)
                    : RichMarkup.Parse(Text).Plain;
                WriteObject(result);
            }
            catch (MarkupException error)
            {
                WriteError(CmdletErrors.MarkupError(error, Text));
            }
            catch (InvalidColorException error)
            {
                WriteError(CmdletErrors.InvalidStyle(error, Text));
            }
        }
    }
}
