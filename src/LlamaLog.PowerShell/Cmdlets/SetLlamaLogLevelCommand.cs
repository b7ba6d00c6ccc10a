using System.Collections.Generic;
using System.Management.Automation;
using LlamaLog.Completion;
using LlamaLog.Engine.Levels;

namespace LlamaLog.Cmdlets
{
    /// <summary>Sets the level of categories process-wide.</summary>
    [Cmdlet(VerbsCommon.Set, "LlamaLogLevel", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(CategoryLevel))]
    public sealed class SetLlamaLogLevelCommand : PSCmdlet
    {
        public const string DefaultSource = "Set-LlamaLogLevel";

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(CategoryCompleter))]
        [ValidateNotNullOrEmpty]
        public string[] Category { get; set; }

        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(LogLevelCompleter))]
        [LogLevelTransformation]
        public LogLevel Level { get; set; }

        /// <summary>Recorded as where the level came from; a piped configuration entry brings its file.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string Source { get; set; } = DefaultSource;

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            foreach (string name in Category)
            {
                if (CategoryLevels.GetSlot(name) == null && name != CategoryNames.All)
                {
                    WriteError(CmdletErrors.UnknownCategory(name));
                    continue;
                }

                string action = "Set level to " + LevelNames.ToPythonName((int)Level);
                if (!ShouldProcess(name, action))
                {
                    continue;
                }

                CategoryLevels.Set(name, (int)Level, Source);
                if (PassThru)
                {
                    foreach (string changed in ChangedBy(name))
                    {
                        LevelSetting setting = CategoryLevels.GetSlot(changed).Setting;
                        WriteObject(new CategoryLevel(changed, setting.Value, setting.Source));
                    }
                }
            }
        }

        private static IEnumerable<string> ChangedBy(string name) => CategoryLevels.NamesOf(name);
    }
}
