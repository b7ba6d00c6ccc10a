using System;
using System.Management.Automation;
using LlamaLog.Completion;
using LlamaLog.Engine.Levels;

namespace LlamaLog.Cmdlets
{
    /// <summary>Returns a logger object for a name and category, as the seed's get_logger does.</summary>
    [Cmdlet(VerbsCommon.Get, "LlamaLogger")]
    [OutputType(typeof(Logger))]
    public sealed class GetLlamaLoggerCommand : PSCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; }

        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(CategoryCompleter))]
        [ValidateNotNullOrEmpty]
        public string Category { get; set; } = CategoryNames.Uncategorized;

        protected override void ProcessRecord()
        {
            CategorySlot slot = CategoryLevels.ResolveMessageSlot(Category);
            if (slot == null)
            {
                // get_logger raises ValueError: the caller cannot go on with a logger it did not get.
                ThrowTerminatingError(new ErrorRecord(
                    new ArgumentException(CategoryLevels.UnknownMessageCategoryText(Category)),
                    "UnknownLogCategory", ErrorCategory.InvalidArgument, Category));
            }

            WriteObject(new Logger(Name, Category, slot, new CallingRunspace(Host, SessionState)));
        }
    }
}
