using System.Collections.Generic;
using System.Management.Automation;
using LlamaLog.Completion;
using LlamaLog.Engine.Levels;

namespace LlamaLog.Cmdlets
{
    /// <summary>Shows the level in force for each category, and the root level when it is set.</summary>
    [Cmdlet(VerbsCommon.Get, "LlamaLogLevel")]
    [OutputType(typeof(CategoryLevel))]
    public sealed class GetLlamaLogLevelCommand : PSCmdlet
    {
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(CategoryCompleter))]
        [ValidateNotNullOrEmpty]
        public string[] Category { get; set; }

        protected override void ProcessRecord()
        {
            if (Category == null)
            {
                Emit(AllNames());
                return;
            }

            foreach (string name in Category)
            {
                if (name == CategoryNames.All)
                {
                    Emit(AllNames());
                    continue;
                }

                if (CategoryLevels.GetSlot(name) == null)
                {
                    WriteError(CmdletErrors.UnknownCategory(name));
                    continue;
                }

                Emit(new[] { name });
            }
        }

        // What 'all' names, less the root while no level was ever given to it (it then has none to show).
        private static IEnumerable<string> AllNames()
        {
            foreach (string name in CategoryLevels.NamesOf(CategoryNames.All))
            {
                if (name != CategoryNames.Root || CategoryLevels.Root.Level != CategoryLevels.Unset)
                {
                    yield return name;
                }
            }
        }

        private void Emit(IEnumerable<string> names)
        {
            foreach (string name in names)
            {
                LevelSetting setting = CategoryLevels.GetSlot(name).Setting;
                if (setting.Value == CategoryLevels.Unset)
                {
                    // The unset root: uncategorized records then follow the default level, which is what to show.
                    WriteObject(new CategoryLevel(name, CategoryLevels.DefaultLevel, CategoryLevels.DefaultSource + " (root unset)"));
                    continue;
                }

                WriteObject(new CategoryLevel(name, setting.Value, setting.Source));
            }
        }
    }
}
