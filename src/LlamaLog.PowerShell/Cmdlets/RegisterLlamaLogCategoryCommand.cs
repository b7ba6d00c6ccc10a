using System.Management.Automation;
using LlamaLog.Engine.Levels;

namespace LlamaLog.Cmdlets
{
    /// <summary>Adds categories for a user's own scripts, accepted everywhere a predefined one is.</summary>
    [Cmdlet(VerbsLifecycle.Register, "LlamaLogCategory", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(CategoryLevel))]
    public sealed class RegisterLlamaLogCategoryCommand : PSCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Category")]
        [AllowEmptyString]
        [AllowNull]
        public string[] Name { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            foreach (string name in Name ?? new string[] { null })
            {
                if (!CategoryNames.IsValidNewName(name) || IsReserved(name))
                {
                    WriteError(CmdletErrors.InvalidCategoryName(name));
                    continue;
                }

                if (!ShouldProcess(name, "Register logging category"))
                {
                    continue;
                }

                CategoryLevels.Register(name);
                if (PassThru)
                {
                    LevelSetting setting = CategoryLevels.GetSlot(name).Setting;
                    WriteObject(new CategoryLevel(name, setting.Value, setting.Source));
                }
            }
        }

        private static bool IsReserved(string name)
        {
            return name == CategoryNames.All || name == CategoryNames.Root || name == CategoryNames.Uncategorized;
        }
    }
}
