using System.Management.Automation;
using LlamaLog.Engine;

namespace LlamaLog.Cmdlets
{
    /// <summary>Shows the logging settings in force: log file, width, console target, and their sources.</summary>
    [Cmdlet(VerbsCommon.Get, "LlamaLogSetting")]
    [OutputType(typeof(LogSettings))]
    public sealed class GetLlamaLogSettingCommand : PSCmdlet
    {
        protected override void EndProcessing()
        {
            WriteObject(LogEngine.Settings);
        }
    }
}
